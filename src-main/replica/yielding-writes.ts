import { setImmediate as nextTurn } from 'node:timers/promises';
import type {
  BulkWriteRow,
  RxStorage,
  RxStorageBulkWriteResponse,
  RxStorageInstance,
  RxStorageWriteError,
} from 'rxdb';

/**
 * Documents per synchronous slice. better-sqlite3 runs on the main thread: one slice (schema
 * check, index keys, SQLite writes) must stay short enough that a CTI event waiting behind it
 * is still a prompt screen pop. About 150 µs per customer on one idle core here: ~1.5 ms.
 */
export const WRITE_SLICE = 10;

/**
 * Splits large bulkWrites (a sync pull page, a seed) into slices and lets the event loop run
 * between them, so that replication never holds the agent core's event loop for a whole page.
 *
 * RxStorage bulkWrite is per-document, not atomic, so slicing keeps its meaning: each row still
 * succeeds or fails on its own, change events come per slice. Writes on one instance are queued,
 * so a later bulkWrite never overtakes an earlier one half-way.
 */
export function yieldingWrites<Internals, Options>(
  storage: RxStorage<Internals, Options>,
  slice = WRITE_SLICE,
): RxStorage<Internals, Options> {
  return {
    name: storage.name,
    rxdbVersion: storage.rxdbVersion,
    async createStorageInstance(params) {
      const instance = await storage.createStorageInstance(params);
      return slicedBulkWrites(instance, slice);
    },
  };
}

function slicedBulkWrites<T, Internals, Options>(
  instance: RxStorageInstance<T, Internals, Options>,
  slice: number,
): RxStorageInstance<T, Internals, Options> {
  const write = instance.bulkWrite.bind(instance);
  let queue: Promise<unknown> = Promise.resolve();
  const sliced = async (
    rows: BulkWriteRow<T>[],
    context: string,
  ): Promise<RxStorageBulkWriteResponse<T>> => {
    const error: RxStorageWriteError<T>[] = [];
    for (let start = 0; start < rows.length; start += slice) {
      if (start > 0) await nextTurn();
      const result = await write(rows.slice(start, start + slice), context);
      error.push(...result.error);
    }
    return { error };
  };
  instance.bulkWrite = (rows, context) => {
    if (rows.length <= slice) {
      const run = queue.then(() => write(rows, context));
      queue = run.catch(() => undefined);
      return run;
    }
    const run = queue.then(() => sliced(rows, context));
    queue = run.catch(() => undefined);
    return run;
  };
  return instance;
}
