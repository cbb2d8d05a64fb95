import type { RxStorage } from 'rxdb';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';

/** RxDB names the storage of a replication's checkpoints and assumed master states so. */
const REPLICATION_STATE = 'rx-replication-meta-';

/**
 * RxDB's ajv validation for every collection, but not for the replication state RxDB writes
 * for itself: those rows are RxDB's checkpoints and copies of documents already validated as
 * they entered the collection. ajv compiles a validator per schema on its first write, and
 * a replication state's schema embeds the whole document schema: 30-40 ms of compiling each,
 * all at once on the agent core's event loop when replication starts.
 */
export function validatedStorage<Internals, Options>(
  storage: RxStorage<Internals, Options>,
): RxStorage<Internals, Options> {
  const validated = wrappedValidateAjvStorage({ storage });
  return {
    name: validated.name,
    rxdbVersion: validated.rxdbVersion,
    createStorageInstance(params) {
      return params.collectionName.startsWith(REPLICATION_STATE)
        ? storage.createStorageInstance(params)
        : validated.createStorageInstance(params);
    },
  };
}
