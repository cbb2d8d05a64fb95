import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/core';
import { headsetPreferenceFile } from '../core/headset-preference-file';
import { createReplicaChannel } from '../core/replica-channel';
import { createHeadsetManager } from '../headset';
import { openReplica } from '../replica/open-replica';
import { openReplicaSwitch } from '../core/replica-switch';
import { telephonyFromEnvironment } from '../core/telephony';
import { MemoryTokenVault } from '../core/token-vault';
import { startHost } from './host-server';

/**
 * `npm run start:web`'s second process: the agent core without Electron, serving the built
 * renderer. Tokens are kept in memory only (there is no OS keychain to trust here).
 */
async function main(): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dataDir = path.resolve(process.env.SWITCHBOARD_DATA_DIR ?? '.data/host');
  const warn = (message: string): void => void process.stderr.write(`warning: ${message}\n`);
  const replicas = await openReplicaSwitch({
    baseDir: path.join(dataDir, 'replica'),
    open: (replicaDir) =>
      openReplica({
        dataDir: replicaDir,
        logger: { info: () => undefined, error: (message) => process.stderr.write(`${message}\n`) },
      }),
    warn,
  });
  const replica = replicas.database;
  const core = createCore({
    version: process.env.npm_package_version ?? '0.0.0',
    dataDir,
    serverUrl: process.env.SWITCHBOARD_SERVER_URL ?? 'http://127.0.0.1:8700',
    tokenVault: new MemoryTokenVault(),
    replica,
    switchReplica: (owner) => replicas.use(owner),
    createTelephony: (sink) => telephonyFromEnvironment(process.env, dataDir, sink),
    // A browser host usually serves a browser on another machine, whose headset is not ours.
    headsets:
      process.env.SWITCHBOARD_HEADSETS === '1'
        ? createHeadsetManager({ store: headsetPreferenceFile(dataDir, warn) })
        : null,
    logger: {
      info: (message) => process.stdout.write(`${message}\n`),
      warn,
      error: (message, detail) => process.stderr.write(`error: ${message} ${String(detail)}\n`),
    },
  });
  await core.start();
  const host = await startHost({
    core,
    replica: createReplicaChannel(replica, { warn }),
    rendererDir: process.env.SWITCHBOARD_RENDERER_DIR ?? path.resolve(here, '../renderer'),
    host: process.env.SWITCHBOARD_HOST ?? '127.0.0.1',
    port: Number(process.env.SWITCHBOARD_PORT ?? 8701),
  });
  process.stdout.write(`Switchboard browser host: ${host.url}\n`);
  const stop = (): void =>
    void host
      .close()
      .then(() => core.dispose())
      .then(() => replicas.close())
      .then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Switchboard browser host failed to start: ${String(error)}\n`);
  process.exit(1);
});
