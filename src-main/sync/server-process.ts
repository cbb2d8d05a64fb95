import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../src-server/sync/sync-test-server.ts', import.meta.url));

/** Starts the sync test server in its own process (tests only) and logs in over HTTP. */
export async function startServerProcess(): Promise<{
  url: string;
  login(username: string): Promise<string>;
  /** Runs SQL on the server's database (one statement at a time). */
  execSql(statement: string): Promise<void>;
  stop(): Promise<void>;
}> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: process.env,
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`sync test server exited with ${code}`)));
  });
  return {
    url,
    async login(username) {
      const response = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: 'demo', username, password: 'switchboard-demo' }),
      });
      if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    },
    execSql(statement) {
      return new Promise<void>((resolve, reject) => {
        lines.once('line', (line) => {
          const answer = JSON.parse(line) as { error?: string };
          if (answer.error) reject(new Error(answer.error));
          else resolve();
        });
        child.stdin!.write(`${JSON.stringify({ sql: statement })}\n`);
      });
    },
    stop() {
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
