import type { RxCollection, RxConflictHandler } from 'rxdb';
import type { ConflictDoc } from '../../src-shared/rxdb/conflicts';
import { mergeReplicaDocument } from '../../src-shared/sync/replica-merge';
import { deepEqual } from '../../src-shared/sync/three-way-merge';
import type { RefusalBook } from './refused-pushes';

type Doc = Record<string, unknown> & { id: string; _deleted: boolean };

function record(
  collection: string,
  server: Doc,
  field: string,
  base: unknown,
  local: unknown,
  serverValue: unknown,
): ConflictDoc {
  const serverSeq = Number(server['serverSeq'] ?? 0);
  return {
    id: `${collection}:${server.id}:${field}:${serverSeq}`,
    sourceCollection: collection,
    docId: server.id,
    field,
    base: JSON.stringify(base ?? null),
    local: JSON.stringify(local ?? null),
    server: JSON.stringify(serverValue ?? null),
    serverSeq,
    createdAt: Date.now(),
    resolved: false,
  };
}

/**
 * Resolves a push the server refused as outdated: non-overlapping edits both survive; for a
 * field both sides changed the server's value stays and the local one becomes a conflict
 * record. RxDB then pushes the merged document with the server state as its assumed master.
 */
export function createConflictHandler(
  collection: string,
  conflicts: RxCollection<ConflictDoc>,
  refusals: RefusalBook,
): RxConflictHandler<unknown> {
  return {
    isEqual: (a, b) => deepEqual(a, b),
    async resolve(input) {
      const server = input.realMasterState as Doc;
      const local = input.newDocumentState as Doc;
      const base = (input.assumedMasterState ?? server) as Doc;
      const refusal = refusals.get(server.id);
      if (refusal !== undefined) {
        refusals.delete(server.id);
        // The server will never take this edit: its state stays, the edit is kept aside.
        await conflicts.upsert(record(collection, server, '*', base, local, { refused: refusal }));
        return server as never;
      }
      const { merged, conflicts: lost } = mergeReplicaDocument(base, local, server);
      if (lost.length > 0) {
        await conflicts.bulkUpsert(
          lost.map((c) => record(collection, server, c.field, c.base, c.local, c.server)),
        );
      }
      return merged as never;
    },
  };
}
