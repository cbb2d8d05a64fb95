import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICENESS } from './background-priority';

/** Runs `lowerThisThreadsPriority` in a fresh worker thread; what it returned and saw. */
function inWorker(niceness?: number) {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { getPriority } = require('node:os');
    const { readlinkSync } = require('node:fs');
    require('tsx/cjs');
    const { lowerThisThreadsPriority } = require(workerData.module);
    const before = getPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()));
    const after = lowerThisThreadsPriority(workerData.niceness);
    parentPort.postMessage({ before, after });
  `;
  return new Promise<{ before: number; after: number | undefined }>((resolve, reject) => {
    const worker = new Worker(source, {
      eval: true,
      workerData: {
        module: new URL('./background-priority.ts', import.meta.url).pathname,
        niceness,
      },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

// Linux only, as the product: elsewhere the function changes nothing (and these machines are Linux).
describe('lowerThisThreadsPriority', () => {
  it('lowers the calling worker thread only, not the process the agent core runs in', async () => {
    const mainBefore = getPriority();
    const seen = await inWorker();
    expect(seen.before).toBe(mainBefore);
    expect(seen.after).toBe(Math.max(BACKGROUND_NICENESS, mainBefore));
    expect(getPriority()).toBe(mainBefore);
  });

  it('never raises a thread that already runs lower', async () => {
    const seen = await inWorker(0);
    expect(seen.after).toBe(seen.before);
  });
});
