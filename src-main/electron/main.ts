import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { createCore } from '../core/core';
import { isSafeExternalUrl } from '../core/external-links';
import { headsetPreferenceFile } from '../core/headset-preference-file';
import { createReplicaChannel } from '../core/replica-channel';
import { createHeadsetManager } from '../headset';
import { openReplica } from '../replica/open-replica';
import { openReplicaSwitch, type ReplicaOwner } from '../core/replica-switch';
import { registerReplicaIpc } from './replica-ipc';
import { telephonyFromEnvironment } from '../core/telephony';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { hardenSession, hardenWebContents } from './harden';
import { registerContractIpc } from './ipc';
import { createSafeStorageVault } from './safe-storage-vault';
import { createMainWindow } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));

async function openExternal(url: string): Promise<void> {
  if (isSafeExternalUrl(url)) await shell.openExternal(url);
}

registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Covers every web contents, including any we did not create ourselves.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  serveRenderer(path.join(here, '../renderer'));
  const logger = {
    info: (message: string) => process.stdout.write(`${message}\n`),
    warn: (message: string) => console.warn(message),
    error: (message: string, detail?: unknown) => console.error(message, detail),
  };
  const dataDir = app.getPath('userData');
  // better-sqlite3 must be built for Electron's ABI (README); if it is not, the desktop still
  // works against the central server and says why the replica is missing.
  // One replica per user who signs in here (decision 0022).
  const replicas = await openReplicaSwitch({
    baseDir: path.join(dataDir, 'replica'),
    open: (replicaDir) =>
      openReplica({
        dataDir: replicaDir,
        logger: { info: logger.info, error: (message) => logger.error(message) },
      }),
    warn: logger.warn,
  }).catch((error: unknown) => {
    logger.error('the offline replica could not be opened; working online only', error);
    return null;
  });
  const replica = replicas?.database ?? null;
  const core = createCore({
    version: app.getVersion(),
    dataDir,
    serverUrl: process.env.SWITCHBOARD_SERVER_URL ?? 'http://127.0.0.1:8700',
    tokenVault: createSafeStorageVault(dataDir, logger.warn),
    replica,
    ...(replicas ? { switchReplica: (owner: ReplicaOwner) => replicas.use(owner) } : {}),
    createTelephony: (sink) => telephonyFromEnvironment(process.env, dataDir, sink),
    headsets: createHeadsetManager({ store: headsetPreferenceFile(dataDir, logger.warn) }),
    logger,
  });
  app.on('will-quit', () => void core.dispose().then(() => replicas?.close()));
  // electron-vite's dev server, only when started by `npm run dev`.
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const startUrl = devUrl ?? `${APP_ORIGIN}/index.html`;
  const trustedOrigins = [new URL(startUrl).origin, APP_ORIGIN];
  registerContractIpc(ipcMain, core, trustedOrigins, () => BrowserWindow.getAllWindows());
  if (replica) {
    registerReplicaIpc(ipcMain, createReplicaChannel(replica, logger), trustedOrigins, logger.warn);
  }
  await core.start(demoLogin());
  createMainWindow({
    preloadPath: path.join(here, '../preload/index.cjs'),
    startUrl,
    openExternal,
  });
}

/** `npm start` signs in as the demo agent; never set in a real deployment. */
function demoLogin() {
  const username = process.env.SWITCHBOARD_DEMO_USER;
  const password = process.env.SWITCHBOARD_DEMO_PASSWORD;
  if (!username || !password) return undefined;
  return { tenant: process.env.SWITCHBOARD_DEMO_TENANT ?? 'demo', username, password };
}
