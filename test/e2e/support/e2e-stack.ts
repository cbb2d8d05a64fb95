import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, startStack } from '../../../scripts/lib/stack';
import { freePortBlock } from '../../sip/harness/ports';

export type E2eStack = {
  hostUrl: string;
  serverUrl: string;
  /** host:port of the agent's softphone engine, for SIPp customers. */
  sipTarget: string;
  stop(): Promise<void>;
};

/**
 * The built central server (PGlite in a fresh folder, demo data) and the browser host with a
 * real baresip for the demo agent: what the end-to-end tests and the console benchmark drive.
 */
export async function startE2eStack(demoSize: number): Promise<E2eStack> {
  for (const bundle of ['out/server/main.js', 'out/main/host.js', 'out/renderer/index.html']) {
    if (!existsSync(path.join(ROOT, bundle))) {
      throw new Error(`${bundle} is missing: run 'npm run build' first`);
    }
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-'));
  const sipPort = await freePortBlock(2);
  const rtpPort = await freePortBlock(10);
  const stack = await startStack({
    serverPort: await freePortBlock(1),
    hostPort: await freePortBlock(1),
    pgliteDir: path.join(dataDir, 'server-pglite'),
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
    stop: () => stack.stop(),
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
