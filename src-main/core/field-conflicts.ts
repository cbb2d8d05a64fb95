import type { RxCollection } from 'rxdb';
import type { CommandHandlers } from '../../src-shared/contract/contract';
import { ContractError } from '../../src-shared/contract/errors';
import type { ConflictDoc } from '../../src-shared/rxdb/conflicts';
import type { ReplicaDatabase } from '../replica/open-replica';

type ConflictCommand = 'conflicts.list' | 'conflicts.reapply' | 'conflicts.dismiss';

/** Fields a user cannot put back: the server keeps them (sequence, time, attachments). */
const NOT_REAPPLICABLE = new Set(['*', 'serverSeq', 'updatedAt', '_attachments']);

function conflictsOf(replica: ReplicaDatabase): RxCollection<ConflictDoc> | null {
  return (
    ((replica.collections as Record<string, unknown>)[
      'conflicts'
    ] as RxCollection<ConflictDoc> | null) ?? null
  );
}

/**
 * The conflict records sync keeps (src-shared/rxdb/conflicts.ts), for any role: list them,
 * put the local value back (an ordinary edit, which syncs and is authorized like any other),
 * or keep the server's value.
 */
export function conflictHandlers(
  replica: () => ReplicaDatabase,
): Pick<CommandHandlers, ConflictCommand> {
  async function record(id: string) {
    const doc = await conflictsOf(replica())?.findOne(id).exec();
    if (!doc) throw new ContractError({ code: 'bad_request', message: `no conflict ${id}` });
    return doc;
  }
  async function labelOf(collection: string, docId: string): Promise<string> {
    const source = (replica().collections as Record<string, RxCollection | undefined>)[collection];
    const doc = (await source?.findOne(docId).exec())?.toJSON() as
      Record<string, unknown> | undefined;
    return String(doc?.['number'] ?? doc?.['name'] ?? docId);
  }
  return {
    async 'conflicts.list'({ includeResolved }) {
      const collection = conflictsOf(replica());
      if (!collection) return { conflicts: [] };
      const docs = await collection
        .find({
          selector: includeResolved ? {} : { resolved: false },
          sort: [{ createdAt: 'desc' }],
        })
        .exec();
      return {
        conflicts: await Promise.all(
          docs.map(async (d) => ({
            id: d.id,
            sourceCollection: d.sourceCollection,
            docId: d.docId,
            label: await labelOf(d.sourceCollection, d.docId),
            field: d.field,
            local: d.local,
            server: d.server,
            createdAt: d.createdAt,
            resolved: d.resolved,
            reapplicable: !NOT_REAPPLICABLE.has(d.field),
          })),
        ),
      };
    },
    async 'conflicts.reapply'({ id }) {
      const conflict = await record(id);
      if (NOT_REAPPLICABLE.has(conflict.field)) {
        throw new ContractError({
          code: 'invalid_state',
          message: `the field '${conflict.field}' cannot be re-applied`,
        });
      }
      const source = (replica().collections as Record<string, RxCollection | undefined>)[
        conflict.sourceCollection
      ];
      const doc = await source?.findOne(conflict.docId).exec();
      if (!doc) throw new ContractError({ code: 'invalid_state', message: 'the record is gone' });
      const value = JSON.parse(conflict.local) as unknown;
      await doc.incrementalModify((current: Record<string, unknown>) => ({
        ...current,
        [conflict.field]: value,
      }));
      await conflict.incrementalPatch({ resolved: true });
      return {};
    },
    async 'conflicts.dismiss'({ id }) {
      await (await record(id)).incrementalPatch({ resolved: true });
      return {};
    },
  };
}
