import type { RxCollection, RxConflictHandler } from 'rxdb';
import type { ConflictDoc } from '../../src-shared/rxdb/conflicts';
import { mergeReplicaDocument } from '../../src-shared/sync/replica-merge';
import { deepEqual } from '../../src-shared/sync/three-way-merge';
import type { RefusalBook } from './refused-pushes';
import type { UnansweredPushes } from './unanswered-pushes';

type Doc = Record<string, unknown> & { id: string; _deleted: boolean };

function record(
  collection: string,
  docId: string,
  server: Doc,
  field: string,
  base: unknown,
  local: unknown,
  serverValue: unknown,
): ConflictDoc {
  const serverSeq = Number(server['serverSeq'] ?? 0);
  return {
    id: `${collection}:${docId}:${field}:${serverSeq}`,
    sourceCollection: collection,
    docId,
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
  /** The documents' primary key; the replica's collections all use 'id'. */
  primaryPath = 'id',
  unanswered?: UnansweredPushes,
): RxConflictHandler<unknown> {
  return {
    isEqual: (a, b) => deepEqual(a, b),
    async resolve(input) {
      const server = input.realMasterState as Doc;
      const local = input.newDocumentState as Doc;
      const base = (input.assumedMasterState ?? server) as Doc;
      const docId = String(server[primaryPath]);
      const refusal = refusals.get(docId);
      if (refusal !== undefined) {
        refusals.delete(docId);
        // The server will never take this edit: its state stays, the edit is kept aside.
        await conflicts.upsert(
          record(collection, docId, server, '*', base, local, { refused: refusal }),
        );
        return server as never;
      }
      // The server confirmed it applied a state of ours: later writes were made knowing it.
      // Otherwise a master value equal to one we sent unanswered counts as ours (0020).
      const ownBase =
        unanswered?.confirmedBase(docId, base) ??
        (unanswered ? unanswered.effectiveBase(docId, base, server) : base);
      const { merged, conflicts: lost } = mergeReplicaDocument(ownBase, local, server);
      if (lost.length > 0) {
        const written = await conflicts.bulkUpsert(
          lost.map((c) => record(collection, docId, server, c.field, c.base, c.local, c.server)),
        );
        // bulkUpsert reports failed writes instead of throwing; resolving anyway would put the
        // server's value over the local edit with no record of it. Failing keeps the edit
        // local and surfaces the error on the replication.
        const failed = written.error[0];
        if (failed) {
          const detail =
            'validationErrors' in failed ? JSON.stringify(failed.validationErrors) : '';
          throw new Error(
            `conflict record for ${collection} ${docId} not written: ${failed.status} ${detail.slice(0, 300)}`,
          );
        }
      }
      unanswered?.forget(docId);
      return merged as never;
    },
  };
}
