import {
  createRevision,
  getComposedPrimaryKeyOfDocumentData,
  getRxReplicationMetaInstanceSchema,
  now,
  type RxCollection,
  type RxJsonSchema,
} from 'rxdb';
import { LOAD_WORKER_UPSTREAM_CHECKPOINT } from './load-protocol';

type CheckpointRow = {
  id: string;
  isCheckpoint: string;
  itemId: string;
  checkpointData?: { lwt?: number };
};

/**
 * Removes the load worker's upstream checkpoint (past every write, so that it never pushes)
 * from a collection's replication state, if it is there. Left in place, main's replication
 * would take it as its own and never push a local change; it is there when the worker was
 * stopped or killed before main could start. RxDB sets a new one (our initial checkpoint, or
 * from the start) only where none is stored.
 *
 * The names are RxDB 17's own (plugins/replication: the meta instance's collection name and
 * schema); initial-load.test.ts proves that main's replication then pushes again.
 */
export async function forgetLoadWorkerCheckpoint(
  collection: RxCollection<unknown>,
  replicationIdentifier: string,
): Promise<boolean> {
  const database = collection.database;
  const hash = await database.hashFunction([collection.name, replicationIdentifier].join('-'));
  const schema = getRxReplicationMetaInstanceSchema(
    collection.schema.jsonSchema,
    false,
  ) as unknown as RxJsonSchema<CheckpointRow>;
  const meta = await database.storage.createStorageInstance<CheckpointRow>({
    databaseName: database.name,
    collectionName: `rx-replication-meta-${hash}`,
    databaseInstanceToken: database.token,
    multiInstance: false,
    options: {},
    schema: schema as never,
    devMode: false,
  });
  try {
    const id = getComposedPrimaryKeyOfDocumentData(schema, { isCheckpoint: '1', itemId: 'up' });
    const [stored] = await meta.findDocumentsById([id], false);
    if (stored?.checkpointData?.lwt !== LOAD_WORKER_UPSTREAM_CHECKPOINT.lwt) return false;
    const gone = {
      ...stored,
      _deleted: true,
      _meta: { lwt: now() },
      _rev: createRevision(database.token, stored),
    };
    const result = await meta.bulkWrite([{ previous: stored, document: gone }], 'initial-load');
    if (result.error.length > 0) {
      throw new Error(`the load worker's upstream checkpoint stayed: ${result.error[0]!.status}`);
    }
    return true;
  } finally {
    await meta.close();
  }
}
