import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, startStack } from '../../../scripts/lib/stack';
import { freePortBlock } from '../../sip/harness/ports';

/** A free loopback port, picked by the OS. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** One fresh data folder per run: an embedded PGlite server database and the host's data. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  for (const bundle of ['out/server/main.js', 'out/main/host.js', 'out/renderer/index.html']) {
    if (!existsSync(path.join(ROOT, bundle))) {
      throw new Error(`${bundle} is missing: run 'npm run build' before the end-to-end tests`);
    }
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-'));
  // The host runs a real baresip for the agent; SIPp plays the customers (call-flow tests).
  const sipPort = await freePortBlock(2);
  const rtpPort = await freePortBlock(10);
  const stack = await startStack({
    serverPort: await freePort(),
    hostPort: await freePort(),
    pgliteDir: path.join(dataDir, 'server-pglite'),
    hostDataDir: path.join(dataDir, 'host'),
    demoSize: 500,
    stdio: 'ignore',
    telephonyEnv: {
      SWITCHBOARD_SIP_AOR: `sip:agent@127.0.0.1:${sipPort}`,
      SWITCHBOARD_SIP_PORT: String(sipPort),
      SWITCHBOARD_ENGINE_CTRL_PORT: String(await freePortBlock(1)),
      SWITCHBOARD_RTP_PORTS: `${rtpPort}-${rtpPort + 9}`,
      SWITCHBOARD_WRAP_UP: 'mandatory',
    },
  });
  process.env.SWITCHBOARD_E2E_SIP_TARGET = `127.0.0.1:${sipPort}`;
  process.env.SWITCHBOARD_E2E_HOST_URL = stack.hostUrl!;
  process.env.SWITCHBOARD_E2E_SERVER_URL = stack.serverUrl;
  return () => stack.stop();
}
