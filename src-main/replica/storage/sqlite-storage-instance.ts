import type Database from 'better-sqlite3';
import { Subject, type Observable } from 'rxjs';
import {
  categorizeBulkWriteRows,
  getPrimaryFieldOfPrimaryKey,
  getQueryMatcher,
  getSortComparator,
  now,
  toArray,
  type BulkWriteRow,
  type EventBulk,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorageBulkWriteResponse,
  type RxStorageChangeEvent,
  type RxStorageCountResult,
  type RxStorageDefaultCheckpoint,
  type RxStorageInstance,
  type RxStorageQueryResult,
  type RxStorageWriteError,
  type StringKeys,
} from 'rxdb';
import {
  buildIndexKeyColumns,
  encodeCompactKey,
  encodeIndexKey,
  indexName,
  type IndexKeyColumn,
} from './index-keys';
import { rangeSql } from './query-range';
import {
  CLEANUP_BATCH,
  prepareStatements,
  StatementCache,
  type CollectionStatements,
} from './statements';
import { releaseConnection, serializeWrite, type SharedConnection } from './sqlite-connection';
import type { WriteBatch } from './writer-thread';
import { declareTables, ensureTable, quoteIdent } from './table-definition';
import { readAttachmentBytes, sizeErrors, type SizeLimits } from './write-limits';

export type SqliteInstanceOptions = Partial<SizeLimits>;

export type SqliteInternals = {
  readonly conn: SharedConnection;
  readonly tableName: string;
};

/**
 * State shared by every instance of the same table on the same connection, so that a write
 * through one instance is seen by the change stream of the other (as with RxDB's own
 * storages when two tabs open the same collection).
 */
type TableState = {
  changes$: Subject<EventBulk<RxStorageChangeEvent<unknown>, RxStorageDefaultCheckpoint>>;
  refs: number;
};
const TABLE_STATES = new Map<string, TableState>();

type DocRow = { data: string };

export class SqliteStorageInstance<RxDocType> implements RxStorageInstance<
  RxDocType,
  SqliteInternals,
  SqliteInstanceOptions,
  RxStorageDefaultCheckpoint
> {
  readonly primaryPath: StringKeys<RxDocumentData<RxDocType>>;
  private closed = false;
  private readonly db: Database.Database;
  private readonly keyColumns: IndexKeyColumn[];
  private readonly keyByIndex: Map<string, IndexKeyColumn>;
  private readonly stateKey: string;
  private readonly state: TableState;
  private readonly t: string;
  private readonly att: string;
  private readonly stmt: CollectionStatements;
  private readonly sqlCache: StatementCache;
  private readonly limits: SizeLimits;

  constructor(
    readonly databaseName: string,
    readonly collectionName: string,
    readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>,
    readonly internals: SqliteInternals,
    readonly options: Readonly<SqliteInstanceOptions>,
    limits: SizeLimits,
  ) {
    this.limits = limits;
    this.db = internals.conn.db;
    this.primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey) as StringKeys<
      RxDocumentData<RxDocType>
    >;
    const indexes = (schema.indexes ?? []).map((i) => toArray(i));
    // The memory storage adds the same index: cleanup() walks deleted docs by lwt.
    indexes.push(['_deleted', '_meta.lwt', this.primaryPath]);
    this.keyColumns = buildIndexKeyColumns(
      schema as RxJsonSchema<RxDocumentData<RxDocType>>,
      indexes,
    );
    this.keyByIndex = new Map(this.keyColumns.map((k) => [indexName(k.fields), k]));
    const tables = declareTables(internals.tableName, this.keyColumns);
    this.t = quoteIdent(internals.tableName);
    this.att = quoteIdent(`${internals.tableName}__att`);
    this.db.transaction(() => {
      ensureTable(this.db, tables.docs, (added) => this.backfillKeys(added));
      ensureTable(this.db, tables.attachments);
    })();
    this.stmt = prepareStatements(this.db, this.t, this.att, this.keyColumns);
    this.sqlCache = new StatementCache(this.db);
    this.stateKey = `${internals.conn.filename}\u0000${internals.tableName}`;
    let state = TABLE_STATES.get(this.stateKey);
    if (!state) {
      state = { changes$: new Subject(), refs: 0 };
      TABLE_STATES.set(this.stateKey, state);
    }
    state.refs += 1;
    this.state = state;
  }

  private backfillKeys(added: string[]): void {
    const cols = this.keyColumns.filter((k) => added.includes(k.column));
    if (cols.length === 0) return;
    const update = this.db.prepare(
      `UPDATE ${this.t} SET ${cols.map((k) => `${quoteIdent(k.column)} = ?`).join(', ')} WHERE id = ?`,
    );
    for (const row of this.db.prepare(`SELECT id, data FROM ${this.t}`).all() as {
      id: string;
      data: string;
    }[]) {
      const doc = JSON.parse(row.data) as RxDocumentData<unknown>;
      update.run(...cols.map((k) => encodeCompactKey(k.toKey(doc))), row.id);
    }
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error(`replica: storage instance ${this.collectionName} is closed`);
  }

  private rowOf(doc: RxDocumentData<RxDocType>): unknown[] {
    const id = doc[this.primaryPath] as unknown as string;
    const d = doc as RxDocumentData<unknown>;
    return [
      id,
      JSON.stringify(doc),
      doc._deleted ? 1 : 0,
      doc._meta.lwt,
      doc._rev,
      encodeIndexKey(id),
      ...this.keyColumns.map((k) => encodeCompactKey(k.toKey(d))),
    ];
  }

  private writeDoc(doc: RxDocumentData<RxDocType>): void {
    this.stmt.upsert.run(...this.rowOf(doc));
  }

  /** The stored documents of the rows' ids, read in one read transaction. */
  private readDocsInDb(rows: readonly BulkWriteRow<RxDocType>[]) {
    const docsInDb = new Map<string, RxDocumentData<RxDocType>>();
    this.db.transaction(() => {
      for (const row of rows) {
        const id = row.document[this.primaryPath] as unknown as string;
        const found = this.stmt.byId.get(id) as DocRow | undefined;
        if (found) docsInDb.set(id, JSON.parse(found.data) as RxDocumentData<RxDocType>);
      }
    })();
    return docsInDb;
  }

  private emit(categorized: ReturnType<typeof categorizeBulkWriteRows<RxDocumentData<RxDocType>>>) {
    const eventBulk = categorized.eventBulk;
    if (eventBulk.events.length > 0 && categorized.newestRow) {
      const last = categorized.newestRow.document;
      eventBulk.checkpoint = {
        id: last[this.primaryPath] as unknown as string,
        lwt: last._meta.lwt,
      };
      this.state.changes$.next(
        eventBulk as EventBulk<RxStorageChangeEvent<unknown>, RxStorageDefaultCheckpoint>,
      );
    }
  }

  /**
   * The write on the writer thread (decision 0013): prepared here against the stored state,
   * committed there only if no other process changed those documents meanwhile (else
   * prepared again). Writes of this file are serialised, so ours never race each other.
   */
  private bulkWriteOnThread(
    accepted: BulkWriteRow<RxDocType>[],
    bytes: Awaited<ReturnType<typeof readAttachmentBytes>>,
    context: string,
  ) {
    const writer = this.internals.conn.writer!;
    return serializeWrite(this.internals.conn, async () => {
      for (;;) {
        this.ensureOpen();
        const docsInDb = this.readDocsInDb(accepted);
        const c = categorizeBulkWriteRows<RxDocumentData<RxDocType>>(
          this,
          this.primaryPath,
          docsInDb,
          accepted as unknown as BulkWriteRow<RxDocumentData<RxDocType>>[],
          context,
        );
        const upsert = this.stmt.upsert.source;
        const ops: WriteBatch['ops'] = [
          ...c.bulkInsertDocs.map((row) => [upsert, this.rowOf(row.document)] as const),
          ...c.bulkUpdateDocs.map((row) => [upsert, this.rowOf(row.document)] as const),
        ].map(([sql, params]) => [sql, params]);
        for (const a of [...c.attachmentsAdd, ...c.attachmentsUpdate]) {
          const data = bytes.get(a.attachmentData.data);
          if (!data) throw new Error(`replica: attachment ${a.attachmentId} bytes were not read`);
          ops.push([this.stmt.deleteAtt.source, [a.documentId, a.attachmentId]]);
          ops.push([
            this.stmt.putAtt.source,
            [a.documentId, a.attachmentId, a.digest, a.attachmentData.type, data.kind, data.bytes],
          ]);
        }
        for (const a of c.attachmentsRemove) {
          ops.push([this.stmt.deleteAtt.source, [a.documentId, a.attachmentId]]);
        }
        if (ops.length > 0) {
          const checks: WriteBatch['checks'] = accepted.map((row) => {
            const id = row.document[this.primaryPath] as unknown as string;
            return [id, docsInDb.get(id)?._rev ?? null];
          });
          const revSql = `SELECT rev FROM ${this.t} WHERE id = ?`;
          if (!(await writer.write({ revSql, checks, ops }))) continue;
        }
        return c;
      }
    });
  }

  async bulkWrite(
    documentWrites: BulkWriteRow<RxDocType>[],
    context: string,
  ): Promise<RxStorageBulkWriteResponse<RxDocType>> {
    this.ensureOpen();
    // Blob bytes can only be read asynchronously, so before the synchronous transaction.
    const bytes = await readAttachmentBytes(documentWrites);
    this.ensureOpen();
    const { accepted, errors: sizeErrs } = sizeErrors(
      this.primaryPath,
      documentWrites,
      bytes,
      this.limits,
    );
    if (this.internals.conn.writer) {
      const categorized = await this.bulkWriteOnThread(accepted, bytes, context);
      this.emit(categorized);
      return { error: [...sizeErrs, ...categorized.errors] };
    }
    const tx = this.db.transaction(() => {
      const docsInDb = new Map<string, RxDocumentData<RxDocType>>();
      for (const row of accepted) {
        const id = row.document[this.primaryPath] as unknown as string;
        const found = this.stmt.byId.get(id) as DocRow | undefined;
        if (found) docsInDb.set(id, JSON.parse(found.data) as RxDocumentData<RxDocType>);
      }
      const c = categorizeBulkWriteRows<RxDocumentData<RxDocType>>(
        this,
        this.primaryPath,
        docsInDb,
        accepted as unknown as BulkWriteRow<RxDocumentData<RxDocType>>[],
        context,
      );
      for (const row of c.bulkInsertDocs) this.writeDoc(row.document);
      for (const row of c.bulkUpdateDocs) this.writeDoc(row.document);
      for (const a of [...c.attachmentsAdd, ...c.attachmentsUpdate]) {
        this.stmt.deleteAtt.run(a.documentId, a.attachmentId);
        const data = bytes.get(a.attachmentData.data);
        if (!data) throw new Error(`replica: attachment ${a.attachmentId} bytes were not read`);
        this.stmt.putAtt.run(
          a.documentId,
          a.attachmentId,
          a.digest,
          a.attachmentData.type,
          data.kind,
          data.bytes,
        );
      }
      for (const a of c.attachmentsRemove) this.stmt.deleteAtt.run(a.documentId, a.attachmentId);
      return c;
    });
    // IMMEDIATE takes the write lock before the conflict check reads, so another process
    // cannot change a row between our read and our write.
    const categorized = tx.immediate();
    this.emit(categorized);
    const error: RxStorageWriteError<RxDocType>[] = [...sizeErrs, ...categorized.errors];
    return { error };
  }

  async findDocumentsById(
    ids: string[],
    withDeleted: boolean,
  ): Promise<RxDocumentData<RxDocType>[]> {
    this.ensureOpen();
    const out: RxDocumentData<RxDocType>[] = [];
    // One read transaction for all lookups: without it every get takes and releases the
    // WAL read lock itself, which costs more than the lookup.
    this.db.transaction(() => {
      for (const id of ids) {
        const row = this.stmt.byId.get(id) as DocRow | undefined;
        if (!row) continue;
        const doc = JSON.parse(row.data) as RxDocumentData<RxDocType>;
        if (withDeleted || !doc._deleted) out.push(doc);
      }
    })();
    return out;
  }

  async query(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageQueryResult<RxDocType>> {
    this.ensureOpen();
    const { query, queryPlan } = preparedQuery;
    const skip = query.skip ?? 0;
    const limit = typeof query.limit === 'number' ? query.limit : Infinity;
    const range = rangeSql(this.schema, this.keyByIndex, this.t, preparedQuery.queryPlan, 'data');
    const selectorBySql = queryPlan.selectorSatisfiedByIndex && !!range.key;
    const sortBySql = queryPlan.sortSatisfiedByIndex && !!range.key;
    if (selectorBySql && sortBySql) {
      const limitSql = Number.isFinite(limit)
        ? ` LIMIT ${Math.trunc(limit)} OFFSET ${Math.trunc(skip)}`
        : ` LIMIT -1 OFFSET ${Math.trunc(skip)}`;
      const rows = this.sqlCache.get(range.sql + limitSql).all(...range.params) as DocRow[];
      return Promise.resolve({
        documents: rows.map((r) => JSON.parse(r.data) as RxDocumentData<RxDocType>),
      });
    }
    const matcher = selectorBySql ? null : getQueryMatcher(this.schema, query);
    let docs: RxDocumentData<RxDocType>[] = [];
    const wanted = skip + limit;
    for (const row of this.sqlCache
      .get(range.sql)
      .iterate(...range.params) as IterableIterator<DocRow>) {
      const doc = JSON.parse(row.data) as RxDocumentData<RxDocType>;
      if (matcher && !matcher(doc)) continue;
      docs.push(doc);
      // Index order is the wanted order: stop reading once the page is complete.
      if (sortBySql && docs.length >= wanted) break;
    }
    if (!sortBySql) docs = docs.sort(getSortComparator(this.schema, query));
    if (skip !== 0 || docs.length > wanted) docs = docs.slice(skip, wanted);
    return Promise.resolve({ documents: docs });
  }

  async count(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageCountResult> {
    this.ensureOpen();
    const range = rangeSql(this.schema, this.keyByIndex, this.t, preparedQuery.queryPlan, 'data');
    if (preparedQuery.queryPlan.selectorSatisfiedByIndex && range.key) {
      const countSql = range.sql.replace('SELECT data FROM', 'SELECT COUNT(*) AS n FROM');
      const row = this.sqlCache.get(countSql).get(...range.params) as { n: number };
      return Promise.resolve({ count: row.n, mode: 'fast' });
    }
    const matcher = getQueryMatcher(this.schema, preparedQuery.query);
    let count = 0;
    for (const row of this.sqlCache
      .get(range.sql)
      .iterate(...range.params) as IterableIterator<DocRow>) {
      if (matcher(JSON.parse(row.data) as RxDocumentData<RxDocType>)) count += 1;
    }
    return Promise.resolve({ count, mode: 'fast' });
  }

  async getChangedDocumentsSince(
    limit: number,
    checkpoint?: RxStorageDefaultCheckpoint,
  ): Promise<{ documents: RxDocumentData<RxDocType>[]; checkpoint: RxStorageDefaultCheckpoint }> {
    this.ensureOpen();
    const lwt = checkpoint ? checkpoint.lwt : 0;
    const idKey = encodeIndexKey(checkpoint ? checkpoint.id : '');
    const rows = this.stmt.changes.all(lwt, lwt, idKey, Math.trunc(limit)) as DocRow[];
    const documents = rows.map((r) => JSON.parse(r.data) as RxDocumentData<RxDocType>);
    const last = documents[documents.length - 1];
    return Promise.resolve({
      documents,
      checkpoint: last
        ? { id: last[this.primaryPath] as unknown as string, lwt: last._meta.lwt }
        : (checkpoint ?? { id: '', lwt: 0 }),
    });
  }

  changeStream(): Observable<
    EventBulk<RxStorageChangeEvent<RxDocumentData<RxDocType>>, RxStorageDefaultCheckpoint>
  > {
    this.ensureOpen();
    return this.state.changes$.asObservable() as unknown as Observable<
      EventBulk<RxStorageChangeEvent<RxDocumentData<RxDocType>>, RxStorageDefaultCheckpoint>
    >;
  }

  async cleanup(minimumDeletedTime: number): Promise<boolean> {
    this.ensureOpen();
    const maxDeletionTime = now() - minimumDeletedTime;
    // In the write queue: the writer thread is then idle and holds no lock we would wait on.
    return serializeWrite(this.internals.conn, async () => {
      this.ensureOpen();
      return this.db.transaction(() => {
        const ids = this.stmt.cleanupSelect.all(maxDeletionTime) as { id: string }[];
        for (const { id } of ids.slice(0, CLEANUP_BATCH)) {
          this.stmt.deleteAttsOfDoc.run(id);
          this.stmt.deleteDoc.run(id);
        }
        return ids.length <= CLEANUP_BATCH;
      })();
    });
  }

  async getAttachmentData(documentId: string, attachmentId: string, digest: string): Promise<Blob> {
    this.ensureOpen();
    const row = this.stmt.getAtt.get(documentId, attachmentId) as
      { digest: string; type: string; kind: string; data: Buffer } | undefined;
    if (!digest || !row || row.digest !== digest) {
      return Promise.reject(
        new Error(`replica: attachment does not exist: ${documentId}/${attachmentId}`),
      );
    }
    if (row.kind === 'base64')
      return Promise.resolve(row.data.toString('base64') as unknown as Blob);
    return Promise.resolve(new Blob([row.data], { type: row.type }));
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.state.refs -= 1;
    if (this.state.refs === 0) {
      this.state.changes$.complete();
      TABLE_STATES.delete(this.stateKey);
    }
    releaseConnection(this.internals.conn);
    return Promise.resolve();
  }

  async remove(): Promise<void> {
    this.ensureOpen();
    await serializeWrite(this.internals.conn, async () => {
      this.db.transaction(() => {
        this.db.exec(`DROP TABLE IF EXISTS ${this.att}`);
        this.db.exec(`DROP TABLE IF EXISTS ${this.t}`);
      })();
    });
    await this.close();
  }
}
