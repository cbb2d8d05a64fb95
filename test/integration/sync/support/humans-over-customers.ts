import { createHash } from 'node:crypto';
import { Subject } from 'rxjs';
import type { RxCollection, RxConflictHandler, RxReplicationPullStreamItem } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { CONFLICTS_COLLECTION, type ConflictDoc } from '../../../../src-shared/rxdb/conflicts';
import type { CustomerDoc } from '../../../../src-shared/rxdb/customers';
import type { PushRow, SyncCheckpoint, WireDocument } from '../../../../src-shared/sync/protocol';
import { createConflictHandler } from '../../../../src-main/sync/conflict-handler';
import { pushWithRefusals, type RefusalBook } from '../../../../src-main/sync/refused-pushes';
import { createSyncApi } from '../../../../src-main/sync/server-api';
import { connectStream } from '../../../../src-main/sync/stream-connection';

/**
 * RxDB's replication base test suite replicates its own "human" documents (passportId,
 * firstName, lastName, age). Our server serves only the replica's collections, so the suite's
 * humans travel as real customer documents through the real customers endpoints (validated
 * against the replica schema, stored in PostgreSQL, sequenced by the trigger, fanned out by
 * LISTEN/NOTIFY). The mapping is a bijection for every document the suite writes:
 *
 *   passportId -> accountNumber (unique per tenant, like a passport) and a UUID id derived
 *                 from it (the server keys rows by UUID)
 *   firstName  -> name
 *   lastName   -> address.line1
 *   age        -> tags: ['age:<n>']
 */
export type Human = { passportId: string; firstName?: string; lastName?: string; age?: number };
type WireHuman = Human & { _deleted: boolean };

const AGE_TAG = 'age:';

export function customerIdOf(passportId: string): string {
  const h = createHash('sha256').update(passportId).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function humanToCustomer(human: WireHuman): WireDocument {
  const doc: CustomerDoc = {
    id: customerIdOf(human.passportId),
    name: human.firstName ?? '',
    // Derived keys: the server derives them again (push.ts normalize), these are placeholders.
    nameKey: '',
    pinyinKey: '',
    phones: [],
    phoneRev0: '',
    phoneRev1: '',
    phoneRev2: '',
    phoneRev3: '',
    emails: [],
    accountNumber: human.passportId,
    vipTier: 'none',
    ...(human.lastName ? { address: { line1: human.lastName } } : {}),
    tags: human.age === undefined ? [] : [`${AGE_TAG}${human.age}`],
    updatedAt: 0,
    serverSeq: 0,
  };
  return { ...doc, _deleted: human._deleted };
}

export function customerToHuman(doc: WireDocument): WireHuman {
  const customer = doc as unknown as CustomerDoc & { _deleted: boolean };
  const ageTag = customer.tags.find((tag) => tag.startsWith(AGE_TAG));
  return {
    passportId: customer.accountNumber,
    firstName: customer.name,
    ...(customer.address?.line1 ? { lastName: customer.address.line1 } : {}),
    ...(ageTag ? { age: Number(ageTag.slice(AGE_TAG.length)) } : {}),
    _deleted: customer._deleted,
  };
}

export type HumansReplicationOptions = {
  serverUrl: string;
  getAccessToken: () => Promise<string>;
  /** Install the replica's conflict handler (field-level merge + conflict records). */
  ourConflictHandler: boolean;
};

type StreamItem = RxReplicationPullStreamItem<unknown, SyncCheckpoint>;

/**
 * A replication of a humans collection built from the client's own parts (createSyncApi,
 * pushWithRefusals, connectStream, createConflictHandler) exactly as startSync wires them for
 * the replica's collections; only the human <-> customer mapping is added.
 */
export async function replicateHumans(
  collection: RxCollection,
  options: HumansReplicationOptions & { live: boolean },
): Promise<RxReplicationState<unknown, SyncCheckpoint>> {
  const api = createSyncApi(options.serverUrl, options.getAccessToken);
  const refusals: RefusalBook = new Map();
  if (options.ourConflictHandler) {
    const database = collection.database as unknown as {
      conflicts?: RxCollection<ConflictDoc>;
      addCollections(c: typeof CONFLICTS_COLLECTION): Promise<unknown>;
    };
    if (!database.conflicts) await database.addCollections(CONFLICTS_COLLECTION);
    (collection as unknown as { conflictHandler: RxConflictHandler<unknown> }).conflictHandler =
      createConflictHandler('customers', database.conflicts!, refusals, 'passportId');
  }
  const stream$ = new Subject<StreamItem>();
  const replication = replicateRxCollection<unknown, SyncCheckpoint>({
    collection,
    replicationIdentifier: `humans-over-customers-${options.serverUrl}`,
    live: options.live,
    retryTime: 100,
    waitForLeadership: false,
    pull: {
      batchSize: 50,
      async handler(checkpoint, batchSize) {
        const page = await api.pull('customers', checkpoint, batchSize);
        return {
          documents: page.documents.map(customerToHuman) as never[],
          checkpoint: page.checkpoint ?? checkpoint,
        };
      },
      stream$: stream$.asObservable(),
    },
    push: {
      batchSize: 50,
      async handler(rows) {
        const wire = (
          rows as unknown as { newDocumentState: WireHuman; assumedMasterState?: WireHuman }[]
        ).map((row): PushRow => ({
          newDocumentState: humanToCustomer(row.newDocumentState),
          assumedMasterState: row.assumedMasterState
            ? humanToCustomer(row.assumedMasterState)
            : null,
        }));
        const conflicts = await pushWithRefusals(
          wire,
          (batch) => api.push('customers', batch),
          refusals,
        );
        // pushWithRefusals books refusals by the wire document's id; the handler reads them
        // by the collection's primary key.
        for (const row of wire) {
          const reason = refusals.get(row.newDocumentState.id);
          if (reason === undefined) continue;
          refusals.delete(row.newDocumentState.id);
          refusals.set(customerToHuman(row.newDocumentState).passportId, reason);
        }
        return conflicts.map(customerToHuman) as never[];
      },
    },
  });
  if (options.live) {
    const stream = connectStream({
      serverUrl: options.serverUrl,
      getAccessToken: options.getAccessToken,
      minDelayMs: 50,
      maxDelayMs: 500,
      onOnline: () => {},
      onError: () => {},
      onMessage(message) {
        if (message === 'RESYNC') return stream$.next('RESYNC');
        if (message.collection !== 'customers') return;
        stream$.next({
          documents: message.documents.map(customerToHuman) as never[],
          checkpoint: message.checkpoint,
        });
      },
    });
    collection.onClose.push(() => stream.close());
  }
  return replication;
}
