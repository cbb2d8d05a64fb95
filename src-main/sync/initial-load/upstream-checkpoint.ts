import { createRevision, now, type RxCollection } from 'rxdb';
import { openReplicationMeta } from '../replication-meta';
import { LOAD_WORKER_UPSTREAM_CHECKPOINT } from './load-protocol';

/**
 * Removes the load worker's upstream checkpoint (past every write, so that it never pushes)
 * from a collection's replication state, if it is there. Left in place, main's replication
 * would take it as its own and never push a local change; it is there when the worker was
 * stopped or killed before main could start. RxDB sets a new one (our initial checkpoint, or
 * from the start) only where none is stored.
 *
 * initial-load.test.ts proves that main's replication then pushes again.
 */
export async function forgetLoadWorkerCheckpoint(
  collection: RxCollection<unknown>,
  replicationIdentifier: string,
): Promise<boolean> {
  const database = collection.database;
  const meta = await openReplicationMeta(collection, replicationIdentifier);
  try {
    const stored = await meta.upstreamCheckpoint();
    if (stored?.checkpointData?.lwt !== LOAD_WORKER_UPSTREAM_CHECKPOINT.lwt) return false;
    const gone = {
      ...stored,
      _deleted: true,
      _meta: { lwt: now() },
      _rev: createRevision(database.token, stored),
    };
    const result = await meta.instance.bulkWrite(
      [{ previous: stored, document: gone }],
      'initial-load',
    );
    if (result.error.length > 0) {
      throw new Error(`the load worker's upstream checkpoint stayed: ${result.error[0]!.status}`);
    }
    return true;
  } finally {
    await meta.close();
  }
}
