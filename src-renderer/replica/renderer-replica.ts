import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { REPLICA_COLLECTIONS, type ReplicaDocTypes } from '../../src-shared/rxdb/collections';
import { replicaStorage } from './replica-storage';

export type RendererReplica = RxDatabase<{
  [K in keyof ReplicaDocTypes]: RxCollection<ReplicaDocTypes[K]>;
}>;

/**
 * The renderer's view of main's replica: the same collections, read and written through the
 * remote storage, so live queries update whichever side wrote. Null when the core offers no
 * replica (the UI then shows what it can without it).
 */
const OPEN_TIMEOUT_MS = 10_000;

export async function openRendererReplica(): Promise<RendererReplica | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      console.warn('the replica did not open in time; continuing without it');
      resolve(null);
    }, OPEN_TIMEOUT_MS);
  });
  return Promise.race([open(), timeout]).finally(() => clearTimeout(timer));
}

async function open(): Promise<RendererReplica | null> {
  try {
    // RxDB asks the plugin whether a collection of version > 0 must migrate; main has already
    // migrated the shared storage by the time the renderer opens it, so nothing runs here.
    addRxPlugin(RxDBMigrationSchemaPlugin);
    const database = await createRxDatabase<RendererReplica['collections']>({
      name: 'switchboard-renderer',
      storage: replicaStorage(),
      multiInstance: false,
    });
    await database.addCollections(REPLICA_COLLECTIONS);
    return database as RendererReplica;
  } catch (error) {
    console.warn('the replica is not available in this window', error);
    return null;
  }
}
