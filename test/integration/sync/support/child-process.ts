import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
export const FAULT_SERVER_SCRIPT = here('./fault-server.ts');
export const FAULT_CLIENT_SCRIPT = here('./fault-client.ts');

type Answer = { id?: number; ok?: boolean; error?: string; [key: string]: unknown };

/**
 * A tsx child process that speaks JSON lines: the first line it prints is its ready message,
 * later lines answer requests by id. SIGKILL leaves every pending request rejected.
 */
export async function startChild(script: string, env: Record<string, string>, readyMs = 60_000) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr!.on('data', (data: Buffer) => {
    stderr = (stderr + String(data)).slice(-4000);
  });
  const pending = new Map<number, { resolve(a: Answer): void; reject(e: Error): void }>();
  let nextId = 1;
  let exited = false;
  // A request written while a SIGKILLed child is still dying fails with EPIPE: that request is
  // lost with the child (its waiter is rejected on exit), so the pipe error is not a test error.
  child.stdin!.on('error', () => {});
  const lines = createInterface({ input: child.stdout! });
  const ready = new Promise<Answer>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} not ready: ${stderr}`)), readyMs);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as Answer);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before ready: ${stderr}`));
    });
  });
  const first = await ready;
  lines.on('line', (line) => {
    const answer = JSON.parse(line) as Answer;
    const waiter = answer.id === undefined ? undefined : pending.get(answer.id);
    if (!waiter) return;
    pending.delete(answer.id!);
    if (answer.ok) waiter.resolve(answer);
    else waiter.reject(new Error(answer.error ?? 'failed'));
  });
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      for (const waiter of pending.values()) waiter.reject(new Error('child exited'));
      pending.clear();
      resolve();
    });
  });
  return {
    ready: first,
    /** Settles when the child has exited, whoever ended it. */
    exited: exit,
    get alive() {
      return !exited;
    },
    get stderr() {
      return stderr;
    },
    request(command: Record<string, unknown>, timeoutMs = 30_000): Promise<Answer> {
      if (exited) return Promise.reject(new Error('child exited'));
      const id = nextId++;
      return new Promise<Answer>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`timeout: ${JSON.stringify(command).slice(0, 80)}`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (a) => (clearTimeout(timer), resolve(a)),
          reject: (e) => (clearTimeout(timer), reject(e)),
        });
        child.stdin!.write(`${JSON.stringify({ ...command, id })}\n`, (error) => {
          if (!error) return;
          pending.get(id)?.reject(new Error(`child gone: ${error.message}`));
          pending.delete(id);
        });
      });
    },
    kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
      if (!exited) child.kill(signal);
      return exit;
    },
  };
}
export type Child = Awaited<ReturnType<typeof startChild>>;
