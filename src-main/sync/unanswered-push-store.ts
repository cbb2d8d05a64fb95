import type { RxCollection, RxJsonSchema } from 'rxdb';
import type { SyncCollection } from '../../src-shared/sync/protocol';
import type { ReplicaDatabase } from '../replica/open-replica';

/** Per field, the values this client sent for a document without hearing the answer. */
export type SentValues = Record<string, unknown[]>;
/** One whole state sent (what the merge uses of it) and the digest the server knows it by. */
export type SentState = { digest: string; doc: Record<string, unknown> };
/** One document's unanswered pushes: per-field values and the newest whole states. */
export type BookEntry = { values: SentValues; states: SentState[] };

/** One document's unanswered pushes as the replica keeps them. */
type UnansweredPushDoc = {
  /** `${collection}:${docId}` */
  id: string;
  sourceCollection: string;
  /** JSON of a BookEntry with `v: 2`; a replica written before 0023 holds bare SentValues. */
  values: string;
};

/**
 * Kept well under the replica's 1 MiB document limit: a book entry that large is trimmed to
 * each field's newest value, and one still larger stays in memory only (the push goes out).
 */
const MAX_VALUES_CHARS = 500_000;

const unansweredPushSchema = {
  title: 'sync unanswered pushes',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 200 },
    sourceCollection: { type: 'string', maxLength: 32 },
    values: { type: 'string', maxLength: MAX_VALUES_CHARS },
  },
  required: ['id', 'sourceCollection', 'values'],
} as const satisfies RxJsonSchema<UnansweredPushDoc>;

export const UNANSWERED_PUSHES_COLLECTION = {
  sync_unanswered_pushes: { schema: unansweredPushSchema },
};

export interface UnansweredPushStore {
  load(collection: SyncCollection): Promise<[string, BookEntry][]>;
  put(collection: SyncCollection, entries: [string, BookEntry][]): Promise<void>;
  remove(collection: SyncCollection, docIds: string[]): Promise<void>;
}

function serialize({ values, states }: BookEntry): string | undefined {
  const newestValues = Object.fromEntries(
    Object.entries(values).map(([field, kept]) => [field, kept.slice(-1)]),
  );
  // Trimmed step by step: the newest state is worth more than older per-field values.
  const candidates: BookEntry[] = [
    { values, states },
    { values: newestValues, states: states.slice(-1) },
    { values: newestValues, states: [] },
  ];
  for (const candidate of candidates) {
    const json = JSON.stringify({ v: 2, ...candidate });
    if (json.length <= MAX_VALUES_CHARS) return json;
  }
  return undefined;
}

function parse(json: string): BookEntry {
  const stored = JSON.parse(json) as Partial<BookEntry> & { v?: unknown };
  // Written before decision 0023: per-field values only (field values are arrays, never 2).
  if (stored.v !== 2) return { values: stored as SentValues, states: [] };
  return { values: stored.values ?? {}, states: stored.states ?? [] };
}

/**
 * The book of unanswered pushes in the replica itself (its own small collection): one SQLite
 * file, written with the replica's durability (synchronous=FULL, decision 0003), and moved
 * aside with it when it is corrupt.
 */
export async function openUnansweredPushStore(
  database: ReplicaDatabase,
): Promise<UnansweredPushStore> {
  type Db = { sync_unanswered_pushes?: RxCollection<UnansweredPushDoc> };
  const db = database as unknown as Db & typeof database;
  if (!db.sync_unanswered_pushes) await database.addCollections(UNANSWERED_PUSHES_COLLECTION);
  const collection = db.sync_unanswered_pushes!;
  const key = (source: SyncCollection, docId: string) => `${source}:${docId}`;
  const failure = (what: string, error: { status: number; documentId: string } | undefined) => {
    if (error)
      throw new Error(`unanswered push of ${error.documentId} not ${what}: ${error.status}`);
  };
  return {
    async load(source) {
      const docs = await collection.find({ selector: { sourceCollection: source } }).exec();
      return docs.map((doc) => [doc.id.slice(source.length + 1), parse(doc.values)]);
    },
    async put(source, entries) {
      const rows = entries.flatMap(([docId, values]) => {
        const json = serialize(values);
        return json ? [{ id: key(source, docId), sourceCollection: source, values: json }] : [];
      });
      if (rows.length === 0) return;
      failure('recorded', (await collection.bulkUpsert(rows)).error[0]);
    },
    async remove(source, docIds) {
      // Ids without an entry (a previous run removed it already) are skipped by RxDB.
      const result = await collection.bulkRemove(docIds.map((id) => key(source, id)));
      failure('removed', result.error[0]);
    },
  };
}
