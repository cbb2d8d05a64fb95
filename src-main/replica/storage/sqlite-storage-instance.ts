import type Database from 'better-sqlite3';
import { Subject, type Observable } from 'rxjs';
import {
  categorizeBulkWriteRows,
  getPrimaryFieldOfPrimaryKey,
  getQueryMatcher,
  getStartIndexStringFromLowerBound,
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
import { buildIndexKeyColumns, encodeIndexKey, indexName, type IndexKeyColumn } from './index-keys';
import { rangeSql } from './query-range';
import {
  CLEANUP_BATCH,
  prepareStatements,
  StatementCache,
  type CollectionStatements,
} from './statements';
import { releaseConnection, writeWhenUnlocked, type SharedConnection } from './sqlite-connection';
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
  /** The tables and indexes exist and have every column of this schema. */
  ready: boolean;
  /** Creates the tables and indexes if they do not exist (an instance's ensureTables). */
  create: () => void;
};
const TABLE_STATES = new Map<string, TableState>();

/**
 * Announces rows that another connection to the same file wrote into a table (the sync load
 * worker's, src-main/sync/initial-load), on the change stream of this process's instances of
 * it, so that RxDB's caches and live queries here see them as if written here.
 */
export function announceWrites(
  internals: SqliteInternals,
  bulk: EventBulk<RxStorageChangeEvent<unknown>, RxStorageDefaultCheckpoint>,
): void {
  TABLE_STATES.get(`${internals.conn.filename}\u0000${internals.tableName}`)?.changes$.next(bulk);
}

/**
 * Creates a collection's tables and indexes now if they do not exist yet (one small commit),
 * instead of at its first write: before another connection bulk-loads the table
 * (deferred-indexes.ts), so that no instance here brings the table up to its schema, and
 * with it builds every index, in the middle of that load.
 */
export function createTablesNow(internals: SqliteInternals): void {
  TABLE_STATES.get(`${internals.conn.filename}\u0000${internals.tableName}`)?.create();
}

const NO_KEY = Buffer.alloc(0);

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
  /** Key column of RxDB's ['_meta.lwt', primary key] index: the checkpoint order. */
  private readonly lwtKey: IndexKeyColumn | undefined;
  private readonly stateKey: string;
  private readonly state: TableState;
  private readonly t: string;
  private readonly att: string;
  private readonly tables: ReturnType<typeof declareTables>;
  private statements: CollectionStatements | undefined;
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
    this.keyColumns = buildIndexKeyColumns(
      schema as RxJsonSchema<RxDocumentData<RxDocType>>,
      indexes,
    );
    this.keyByIndex = new Map(this.keyColumns.map((k) => [indexName(k.fields), k]));
    this.lwtKey = this.keyByIndex.get(indexName(['_meta.lwt', this.primaryPath]));
    this.tables = declareTables(internals.tableName, this.keyColumns, {
      changesIndex: !this.lwtKey,
    });
    this.t = quoteIdent(internals.tableName);
    this.att = quoteIdent(`${internals.tableName}__att`);
    this.sqlCache = new StatementCache(this.db);
    this.stateKey = `${internals.conn.filename}\u0000${internals.tableName}`;
    let state = TABLE_STATES.get(this.stateKey);
    if (!state) {
      state = { changes$: new Subject(), refs: 0, ready: false, create: () => {} };
      state.create = () => this.ensureTables(true);
      TABLE_STATES.set(this.stateKey, state);
    }
    state.refs += 1;
    this.state = state;
    // An existing table is brought up to this schema now (no write, so no fsync, unless
    // an index column is missing); a new one is created by the first write, in that
    // write's transaction: one commit, one fsync, instead of one for the DDL and one
    // for the write.
    this.ensureTables(false);
  }

  /**
   * Makes sure the tables exist (creating them only if `create`) and prepares the
   * statements. Returns false if they do not exist: reads then answer "nothing stored".
   */
  private ensureTables(create: boolean): boolean {
    if (!this.state.ready) {
      const exists = this.db
        .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
        .pluck()
        .get(this.internals.tableName);
      if (!exists && !create) return false;
      this.db.transaction(() => {
        ensureTable(this.db, this.tables.docs, (added) => this.backfillKeys(added));
        ensureTable(this.db, this.tables.attachments);
      })();
      this.state.ready = true;
    }
    this.statements ??= prepareStatements(this.db, this.t, this.att, this.keyColumns, this.lwtKey);
    return true;
  }

  private get stmt(): CollectionStatements {
    if (!this.statements) throw new Error(`replica: table of ${this.collectionName} not ready`);
    return this.statements;
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
      update.run(...cols.map((k) => encodeIndexKey(k.toKey(doc))), row.id);
    }
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error(`replica: storage instance ${this.collectionName} is closed`);
  }

  private writeDoc(doc: RxDocumentData<RxDocType>, json: string | undefined): void {
    const id = doc[this.primaryPath] as unknown as string;
    const d = doc as RxDocumentData<unknown>;
    this.stmt.upsert.run(
      id,
      json ?? JSON.stringify(doc),
      doc._deleted ? 1 : 0,
      doc._meta.lwt,
      doc._rev,
      // id_key orders checkpoints only for a schema without RxDB's lwt index.
      this.lwtKey ? NO_KEY : encodeIndexKey(id),
      ...this.keyColumns.map((k) => encodeIndexKey(k.toKey(d))),
    );
  }

  async bulkWrite(
    documentWrites: BulkWriteRow<RxDocType>[],
    context: string,
  ): Promise<RxStorageBulkWriteResponse<RxDocType>> {
    this.ensureOpen();
    // Blob bytes can only be read asynchronously, so before the synchronous transaction.
    const bytes = await readAttachmentBytes(documentWrites);
    this.ensureOpen();
    const {
      accepted,
      errors: sizeErrs,
      jsonOf,
    } = sizeErrors(this.primaryPath, documentWrites, bytes, this.limits);
    const wasReady = this.state.ready;
    const tx = this.db.transaction(() => {
      this.ensureTables(true);
      const docsInDb = new Map<string, RxDocumentData<RxDocType>>();
      const ids = accepted.map((row) => row.document[this.primaryPath] as unknown as string);
      for (const [id, data] of this.stmt.idAndDataByIds.all(JSON.stringify(ids)) as [
        string,
        string,
      ][]) {
        docsInDb.set(id, JSON.parse(data) as RxDocumentData<RxDocType>);
      }
      const c = categorizeBulkWriteRows<RxDocumentData<RxDocType>>(
        this,
        this.primaryPath,
        docsInDb,
        accepted as unknown as BulkWriteRow<RxDocumentData<RxDocType>>[],
        context,
      );
      for (const row of c.bulkInsertDocs) this.writeDoc(row.document, jsonOf.get(row.document));
      for (const row of c.bulkUpdateDocs) this.writeDoc(row.document, jsonOf.get(row.document));
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
    const categorized = await writeWhenUnlocked(this.internals.conn, () => {
      this.ensureOpen();
      try {
        return tx.immediate();
      } catch (error) {
        // The rollback also undid a CREATE TABLE made by this write; the next try
        // looks again.
        if (!wasReady) this.state.ready = false;
        throw error;
      }
    });
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
    const error: RxStorageWriteError<RxDocType>[] = [...sizeErrs, ...categorized.errors];
    return { error };
  }

  async findDocumentsById(
    ids: string[],
    withDeleted: boolean,
  ): Promise<RxDocumentData<RxDocType>[]> {
    this.ensureOpen();
    if (ids.length === 0 || !this.ensureTables(false)) return [];
    // Deleted documents are filtered by SQL, so they are never parsed.
    if (ids.length === 1) {
      const data = (withDeleted ? this.stmt.byId : this.stmt.liveById).get(ids[0]) as
        string | undefined;
      return data === undefined ? [] : [JSON.parse(data) as RxDocumentData<RxDocType>];
    }
    const rows = (withDeleted ? this.stmt.byIds : this.stmt.liveByIds).all(
      JSON.stringify(ids),
    ) as string[];
    return rows.map((data) => JSON.parse(data) as RxDocumentData<RxDocType>);
  }

  async query(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageQueryResult<RxDocType>> {
    this.ensureOpen();
    if (!this.ensureTables(false)) return { documents: [] };
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
      const rows = this.sqlCache.pluck(range.sql + limitSql).all(...range.params) as string[];
      return Promise.resolve({
        documents: rows.map((data) => JSON.parse(data) as RxDocumentData<RxDocType>),
      });
    }
    const matcher = selectorBySql ? null : getQueryMatcher(this.schema, query);
    let docs: RxDocumentData<RxDocType>[] = [];
    const wanted = skip + limit;
    for (const data of this.sqlCache
      .pluck(range.sql)
      .iterate(...range.params) as IterableIterator<string>) {
      const doc = JSON.parse(data) as RxDocumentData<RxDocType>;
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
    if (!this.ensureTables(false)) return { count: 0, mode: 'fast' };
    const range = rangeSql(this.schema, this.keyByIndex, this.t, preparedQuery.queryPlan, 'data');
    if (preparedQuery.queryPlan.selectorSatisfiedByIndex && range.key) {
      const countSql = range.sql.replace('SELECT data FROM', 'SELECT COUNT(*) FROM');
      const n = this.sqlCache.pluck(countSql).get(...range.params) as number;
      return Promise.resolve({ count: n, mode: 'fast' });
    }
    const matcher = getQueryMatcher(this.schema, preparedQuery.query);
    let count = 0;
    for (const data of this.sqlCache
      .pluck(range.sql)
      .iterate(...range.params) as IterableIterator<string>) {
      if (matcher(JSON.parse(data) as RxDocumentData<RxDocType>)) count += 1;
    }
    return Promise.resolve({ count, mode: 'fast' });
  }

  async getChangedDocumentsSince(
    limit: number,
    checkpoint?: RxStorageDefaultCheckpoint,
  ): Promise<{ documents: RxDocumentData<RxDocType>[]; checkpoint: RxStorageDefaultCheckpoint }> {
    this.ensureOpen();
    const lwt = checkpoint ? checkpoint.lwt : 0;
    const id = checkpoint ? checkpoint.id : '';
    // Past the checkpoint in (lwt, id) order, as the memory storage bounds it.
    const after = this.lwtKey
      ? [
          encodeIndexKey(
            getStartIndexStringFromLowerBound(
              this.schema,
              ['_meta.lwt', this.primaryPath],
              [lwt, id],
            ),
          ),
        ]
      : [lwt, lwt, encodeIndexKey(id)];
    const rows = this.ensureTables(false)
      ? (this.stmt.changes.all(...after, Math.trunc(limit)) as string[])
      : [];
    const documents = rows.map((data) => JSON.parse(data) as RxDocumentData<RxDocType>);
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
    if (!this.ensureTables(false)) return true;
    const done = this.db.transaction(() => {
      const ids = this.stmt.cleanupSelect.all(maxDeletionTime) as string[];
      for (const id of ids.slice(0, CLEANUP_BATCH)) {
        this.stmt.deleteAttsOfDoc.run(id);
        this.stmt.deleteDoc.run(id);
      }
      return ids.length <= CLEANUP_BATCH;
    })();
    return Promise.resolve(done);
  }

  async getAttachmentData(documentId: string, attachmentId: string, digest: string): Promise<Blob> {
    this.ensureOpen();
    const row = (
      this.ensureTables(false) ? this.stmt.getAtt.get(documentId, attachmentId) : undefined
    ) as { digest: string; type: string; kind: string; data: Buffer } | undefined;
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
    this.db.transaction(() => {
      this.db.exec(`DROP TABLE IF EXISTS ${this.att}`);
      this.db.exec(`DROP TABLE IF EXISTS ${this.t}`);
    })();
    this.state.ready = false;
    await this.close();
  }
}
