/**
 * `npm start`: the central server on embedded PGlite with demo data, then the Electron app
 * signed in as the demo agent. `npm run start:web` (--web): the server and the browser host.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startStack, type RunningStack } from './lib/stack';

const SERVER_PORT = Number(process.env.SWITCHBOARD_SERVER_PORT ?? 8700);
const HOST_PORT = Number(process.env.SWITCHBOARD_PORT ?? 8701);
const web = process.argv.includes('--web');

const ELECTRON_UNAVAILABLE = `
The Electron binary is not installed and could not be downloaded (this machine has no
internet access, or the download was refused). The npm package 'electron' fetches its binary
on first launch. To use a binary you already have, set ELECTRON_OVERRIDE_DIST_PATH to the
folder that contains the 'electron' executable and run 'npm start' again. To use Switchboard
without Electron right now, run 'npm run start:web': it starts the same agent core as a
browser host and prints the URL to open.
`;

async function main(): Promise<void> {
  const electron = web ? null : resolveElectron();
  if (!web && !electron) {
    console.error(ELECTRON_UNAVAILABLE);
    process.exit(1);
  }
  const stack = await startStack({
    serverPort: SERVER_PORT,
    hostPort: web ? HOST_PORT : undefined,
    pgliteDir: path.join(ROOT, '.data', 'server-pglite'),
    databaseUrl: process.env.DATABASE_URL,
    hostDataDir: path.join(ROOT, '.data', 'host'),
  });
  const stopAll = (): void => void stack.stop().then(() => process.exit(0));
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);

  if (web) {
    console.log(`\nSwitchboard is running.\n  Open ${stack.hostUrl} in a browser.`);
    console.log('  Demo sign-in: call center "demo", user "agent", password "switchboard-demo".');
    console.log('  Other demo users: supervisor, tech, admin (same password). Ctrl+C stops.\n');
    return;
  }
  launchElectron(electron!, stack);
}

/** The Electron executable, downloading it on first use as the npm package does; null if absent. */
function resolveElectron(): string | null {
  const packageDir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = path.join(override, 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  const installed = (): string | null => {
    if (!existsSync(pathFile)) return null;
    const executable = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8'));
    return existsSync(executable) ? executable : null;
  };
  if (installed()) return installed();
  console.log('Downloading the Electron binary (first launch)…');
  spawnSync(process.execPath, [path.join(packageDir, 'install.js')], {
    stdio: 'inherit',
    timeout: 300_000,
  });
  return installed();
}

function launchElectron(executable: string, stack: RunningStack): void {
  const child = spawn(executable, [ROOT], {
    stdio: 'inherit',
    env: {
      ...process.env,
      SWITCHBOARD_SERVER_URL: stack.serverUrl,
      SWITCHBOARD_DEMO_TENANT: 'demo',
      SWITCHBOARD_DEMO_USER: 'agent',
      SWITCHBOARD_DEMO_PASSWORD: 'switchboard-demo',
    },
  });
  child.on('exit', () => void stack.stop().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(`Switchboard failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
