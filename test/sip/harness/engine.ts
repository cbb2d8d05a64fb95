import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  BaresipLink,
  type BaresipLinkOptions,
} from '../../../src-main/cti/baresip/baresip-link.js';
import type { CtiEvent } from '../../../src-main/cti/cti-link.js';
import { memoryLogger } from '../../../src-main/cti/logger.js';
import { freePortBlock } from './ports.js';
import { onSippFailure } from './sipp.js';

export interface TestEngine {
  link: BaresipLink;
  sipPort: number;
  aor: string;
  events: CtiEvent[];
  logger: ReturnType<typeof memoryLogger>;
  /** Resolves with the first event (already seen or future) that matches. */
  waitFor<T extends CtiEvent['type']>(
    type: T,
    match?: (event: Extract<CtiEvent, { type: T }>) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<CtiEvent, { type: T }>>;
  dispose(): Promise<void>;
}

/** A real baresip on loopback with its own ports and folder, driven by our provider. */
export async function startTestEngine(
  user = 'agent',
  overrides: Partial<BaresipLinkOptions> = {},
): Promise<TestEngine> {
  const sipPort = await freePortBlock(2); // baresip also takes TCP sip+1
  const ctrl = await freePortBlock(1);
  const rtp = await freePortBlock(10);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sb-baresip-'));
  const aor = `sip:${user}@127.0.0.1:${sipPort}`;
  const logger = memoryLogger();
  const link = new BaresipLink({
    account: { aor, displayName: 'Agent' },
    configDir: dir,
    ports: { sip: sipPort, ctrl, rtpMin: rtp, rtpMax: rtp + 9 },
    logger,
    setupTimeoutMs: 3_000,
    restart: { initialDelayMs: 100 },
    // baresip's quit waits for open SIP transactions (seconds after a call). Tests do not need
    // that courtesy; the escalation path (quit, SIGTERM, SIGKILL) is the same, only shorter.
    stopGraceMs: 200,
    stopTermMs: 200,
    ...overrides,
  });
  const events: CtiEvent[] = [];
  const waiters = new Set<() => void>();
  link.on((event) => {
    events.push(event);
    for (const check of waiters) check();
  });
  try {
    await link.start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const waitFor: TestEngine['waitFor'] = (type, match, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      type E = Extract<CtiEvent, { type: typeof type }>;
      const find = () =>
        events.find((e): e is E => e.type === type && (!match || match(e as E))) as E | undefined;
      const check = () => {
        const hit = find();
        if (!hit) return;
        waiters.delete(check);
        clearTimeout(timer);
        offSipp();
        resolve(hit);
      };
      const offSipp = onSippFailure((why) => {
        offSipp();
        waiters.delete(check);
        clearTimeout(timer);
        reject(new Error(`while waiting for "${type}": ${why}`));
      });
      const timer = setTimeout(() => {
        offSipp();
        waiters.delete(check);
        reject(
          new Error(
            `no "${type}" event within ${timeoutMs} ms; saw ${events.map((e) => e.type).join(', ')}`,
          ),
        );
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    link,
    sipPort,
    aor,
    events,
    logger,
    waitFor,
    dispose: async () => {
      await link.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
