/**
 * Starts the built central server and, optionally, the browser host as child processes and
 * waits until they answer. Used by `npm start`, `npm run start:web` and the end-to-end tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export type StackOptions = {
  serverPort: number;
  hostPort?: number;
  /** Embedded PGlite data folder; ignored when databaseUrl is set. */
  pgliteDir: string;
  databaseUrl?: string;
  hostDataDir: string;
  demoSize?: number;
  /** Where child output goes; defaults to this process's stdio. */
  stdio?: 'inherit' | 'ignore';
  /** Where the host reaches the server, when not directly (e.g. through a TCP proxy). */
  hostServerUrl?: string;
  /** Softphone engine settings for the host (SWITCHBOARD_SIP_* and friends). */
  telephonyEnv?: Record<string, string>;
};

export type RunningStack = {
  serverUrl: string;
  hostUrl: string | null;
  /** Stops the central server only (the desktop goes offline); the host keeps running. */
  stopServer(): Promise<void>;
  /** Starts the central server again on the same port and database. */
  startServer(): Promise<void>;
  stop(): Promise<void>;
};

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const serverUrl = `http://127.0.0.1:${options.serverPort}`;
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(options.serverPort),
    HOST: '127.0.0.1',
    SEED_DEMO: '1',
    DEMO_SIZE: String(options.demoSize ?? 3000),
    PGLITE_DIR: options.pgliteDir,
  };
  if (options.databaseUrl) serverEnv.DATABASE_URL = options.databaseUrl;
  else delete serverEnv.DATABASE_URL;

  let server: ChildProcess | null = null;
  let host: ChildProcess | null = null;
  const startServer = async (): Promise<void> => {
    if (server && server.exitCode === null && server.signalCode === null) return;
    server = launch('out/server/main.js', serverEnv, options.stdio);
    await waitForHttp(`${serverUrl}/health`, server, 'central server');
  };
  const stopServer = async (): Promise<void> => {
    if (server) await stopChild(server);
  };
  const stop = async (): Promise<void> => {
    if (host) await stopChild(host);
    await stopServer();
  };
  try {
    await startServer();
    let hostUrl: string | null = null;
    if (options.hostPort !== undefined) {
      hostUrl = `http://127.0.0.1:${options.hostPort}`;
      host = launch(
        'out/main/host.js',
        {
          ...process.env,
          SWITCHBOARD_SERVER_URL: options.hostServerUrl ?? serverUrl,
          SWITCHBOARD_PORT: String(options.hostPort),
          SWITCHBOARD_DATA_DIR: options.hostDataDir,
          ...options.telephonyEnv,
        },
        options.stdio,
      );
      await waitForHttp(`${hostUrl}/`, host, 'browser host');
    }
    return { serverUrl, hostUrl, stopServer, startServer, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function launch(script: string, env: NodeJS.ProcessEnv, stdio: 'inherit' | 'ignore' = 'inherit') {
  return spawn(process.execPath, [path.join(ROOT, script)], { cwd: ROOT, env, stdio });
}

async function waitForHttp(url: string, child: ChildProcess, name: string): Promise<void> {
  // Seeding demo data on a first start takes a while; a crashed child fails at once.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not answer at ${url} within 180 s`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await once(child, 'exit');
  clearTimeout(timer);
}
