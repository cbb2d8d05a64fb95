import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, startStack } from '../../../scripts/lib/stack';
import { freePortBlock } from '../../sip/harness/ports';
import { startTcpProxy } from '../../../src-main/sync/tcp-proxy';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../../src-server/test-support/test-database';

export type E2eStack = {
  hostUrl: string;
  serverUrl: string;
  /** host:port of the agent's softphone engine, for SIPp customers. */
  sipTarget: string;
  /** The central server goes away (the desktop is offline) and comes back, same data. */
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  /**
   * With `hostThroughProxy`: the desktop's network goes away (and comes back) while the
   * server keeps running for everyone else, e.g. a supervisor.
   */
  cutHostNetwork(): Promise<void>;
  restoreHostNetwork(): Promise<void>;
  stop(): Promise<void>;
};

export type E2eStackOptions = {
  demoSize: number;
  /**
   * 'postgres' runs the server on a fresh database of the PostgreSQL at DATABASE_URL (dropped
   * at stop), as CI sets it; without DATABASE_URL it falls back to PGlite.
   */
  database?: 'pglite' | 'postgres';
  /** The host reaches the server through a TCP proxy the test can cut. */
  hostThroughProxy?: boolean;
};

/**
 * The built central server (PGlite in a fresh folder, or a fresh PostgreSQL database; demo data) and the browser host with a
 * real baresip for the demo agent: what the end-to-end tests and the console benchmark drive.
 */
export async function startE2eStack(options: E2eStackOptions): Promise<E2eStack> {
  for (const bundle of ['out/server/main.js', 'out/main/host.js', 'out/renderer/index.html']) {
    if (!existsSync(path.join(ROOT, bundle))) {
      throw new Error(`${bundle} is missing: run 'npm run build' first`);
    }
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-'));
  const database =
    options.database === 'postgres'
      ? await createTestDatabase()
      : await createTestDatabase({ pglite: true });
  try {
    return await launchE2eStack(database, dataDir, options);
  } catch (error) {
    await database.drop();
    throw error;
  }
}

async function launchE2eStack(
  database: TestDatabase,
  dataDir: string,
  { demoSize, hostThroughProxy }: E2eStackOptions,
): Promise<E2eStack> {
  const sipPort = await freePortBlock(2);
  const rtpPort = await freePortBlock(10);
  const serverPort = await freePortBlock(1);
  const proxy = hostThroughProxy ? await startTcpProxy(serverPort) : null;
  const stack = await startStack({
    serverPort,
    ...(proxy ? { hostServerUrl: proxy.url } : {}),
    hostPort: await freePortBlock(1),
    pgliteDir: path.join(dataDir, 'server-pglite'),
    ...(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {}),
    hostDataDir: path.join(dataDir, 'host'),
    demoSize,
    stdio: 'ignore',
    telephonyEnv: {
      SWITCHBOARD_SIP_AOR: `sip:agent@127.0.0.1:${sipPort}`,
      SWITCHBOARD_SIP_PORT: String(sipPort),
      SWITCHBOARD_ENGINE_CTRL_PORT: String(await freePortBlock(1)),
      SWITCHBOARD_RTP_PORTS: `${rtpPort}-${rtpPort + 9}`,
      SWITCHBOARD_WRAP_UP: 'mandatory',
    },
  });
  return {
    hostUrl: stack.hostUrl!,
    serverUrl: stack.serverUrl,
    sipTarget: `127.0.0.1:${sipPort}`,
    stopServer: () => stack.stopServer(),
    startServer: () => stack.startServer(),
    cutHostNetwork: async () => proxy?.cut(),
    restoreHostNetwork: async () => proxy?.restore(),
    stop: async () => {
      await stack.stop();
      await proxy?.cut();
      await database.drop();
    },
  };
}

/** Launch options for Debian's Chromium (never a downloaded browser). */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
