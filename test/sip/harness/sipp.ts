import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePortBlock } from './ports.js';

export const SCENARIO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface SippRun {
  readonly port: number;
  /** sip:<user>@127.0.0.1:<port> of this SIPp instance. */
  uri(user: string): string;
  /** Resolves when SIPp exits: code 0 means every scenario step passed. */
  readonly done: Promise<{ code: number | null; output: string }>;
  kill(): void;
}

export interface SippOptions {
  scenario: string;
  /** host:port to call; omitted for a UAS that waits. */
  target?: string;
  keys?: Record<string, string>;
  rtpEcho?: boolean;
  timeoutS?: number;
}

const running = new Set<ChildProcess>();
const failureListeners = new Set<(why: string) => void>();
const failures: string[] = [];

/**
 * Called when a SIPp exits on its own with a failure: lets a test waiting for an engine event
 * stop at once with SIPp's own report instead of running into its timeout.
 */
export function onSippFailure(listener: (why: string) => void): () => void {
  // A failure that happened before anyone waited still counts (cleared by killAllSipp).
  const [earlier] = failures;
  if (earlier !== undefined) {
    queueMicrotask(() => listener(earlier));
    return () => undefined;
  }
  failureListeners.add(listener);
  return () => failureListeners.delete(listener);
}

/** Runs one SIPp for one call. Scenario files live in test/sip/*.xml. */
export async function startSipp(options: SippOptions): Promise<SippRun> {
  const port = await freePortBlock(1);
  const mediaPort = await freePortBlock(4);
  const args = [
    '-sf',
    path.join(SCENARIO_DIR, options.scenario),
    '-i',
    '127.0.0.1',
    '-p',
    String(port),
    '-mi',
    '127.0.0.1',
    '-mp',
    String(mediaPort),
    '-m',
    '1',
    '-nostdin',
    '-timeout',
    `${options.timeoutS ?? 20}s`,
    '-timeout_error',
  ];
  if (options.rtpEcho) args.push('-rtp_echo');
  for (const [key, value] of Object.entries(options.keys ?? {})) args.push('-key', key, value);
  if (options.target) args.push(options.target);
  const child = spawn('sipp', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const done = new Promise<{ code: number | null; output: string }>((resolve) => {
    child.once('exit', (code) => {
      running.delete(child);
      if (code !== null && code !== 0) {
        const why = `SIPp ${options.scenario} failed (exit ${code}): ${output.slice(-1_500)}`;
        failures.push(why);
        for (const listener of [...failureListeners]) listener(why);
      }
      resolve({ code, output });
    });
  });
  return {
    port,
    uri: (user) => `sip:${user}@127.0.0.1:${port}`,
    done,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** For afterEach: no SIPp may outlive its test. */
export function killAllSipp(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
  failures.length = 0;
}
