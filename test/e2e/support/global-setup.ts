import { startE2eStack } from './e2e-stack';

/** One fresh data folder per run: an embedded PGlite server database and the host's data. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startE2eStack({ demoSize: 500 });
  process.env.SWITCHBOARD_E2E_HOST_URL = stack.hostUrl;
  process.env.SWITCHBOARD_E2E_SERVER_URL = stack.serverUrl;
  process.env.SWITCHBOARD_E2E_SIP_TARGET = stack.sipTarget;
  return () => stack.stop();
}
