import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import {
  blob,
  getTableConfig,
  index,
  integer,
  real,
  sqliteTable,
  text,
  SQLiteSyncDialect,
} from 'drizzle-orm/sqlite-core';
import type { SQLiteBlobBufferBuilderInitial, SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { IndexKeyColumn } from './index-keys';

/**
 * The SQL shape of one RxDB collection, declared with drizzle's sqlite-core so that the
 * DDL below is generated from one declaration instead of hand-written strings.
 *
 * Documents table: id (primary key), the JSON document, the fields SQL itself filters on
 * (deleted, lwt, rev), and one BLOB key column per RxDB index (see index-keys.ts).
 * Attachments table: one row per (document, attachment) with the bytes as a BLOB.
 */
export function declareTables(
  tableName: string,
  keyColumns: readonly IndexKeyColumn[],
  { changesIndex }: { changesIndex: boolean },
) {
  const keyCols: Record<string, SQLiteBlobBufferBuilderInitial<string>> = {};
  for (const k of keyColumns) keyCols[k.column] = blob(k.column, { mode: 'buffer' });
  const docs = sqliteTable(
    tableName,
    {
      id: text('id').primaryKey(),
      data: text('data').notNull(),
      deleted: integer('deleted').notNull(),
      lwt: real('lwt').notNull(),
      rev: text('rev').notNull(),
      // Same UTF-16BE encoding as the index keys, so checkpoints order exactly like RxDB.
      idKey: blob('id_key', { mode: 'buffer' }).notNull(),
      ...keyCols,
    },
    (t) => {
      const cols = t as unknown as Record<string, SQLiteColumn>;
      return [
        // getChangedDocumentsSince walks (lwt, id) — RxDB's checkpoint order. RxDB adds
        // the index ['_meta.lwt', primary key] to every schema, whose key column serves
        // it; only a schema without it needs this index.
        ...(changesIndex ? [index(`${tableName}__changes`).on(t.lwt, t.idKey)] : []),
        // cleanup() walks deleted documents by lwt: a partial index holds only those, so
        // live writes do not maintain it.
        index(`${tableName}__deleted_lwt`).on(t.lwt).where(sql.raw('"deleted" = 1')),
        ...keyColumns.map((k) => index(keyIndexName(tableName, k.column)).on(cols[k.column]!)),
      ];
    },
  );
  const attachments = sqliteTable(
    `${tableName}__att`,
    {
      docId: text('doc_id').notNull(),
      attachmentId: text('attachment_id').notNull(),
      digest: text('digest').notNull(),
      type: text('type').notNull(),
      // 'blob' or 'base64': getAttachmentData returns the kind that was written.
      kind: text('kind').notNull(),
      data: blob('data', { mode: 'buffer' }).notNull(),
    },
    (t) => [index(`${tableName}__att_pk`).on(t.docId, t.attachmentId)],
  );
  return { docs, attachments };
}

/** The SQL index of an RxDB index's key column (index-keys.ts). */
export function keyIndexName(tableName: string, keyColumn: string): string {
  return `${tableName}__${keyColumn}`;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

type AnyTable = Parameters<typeof getTableConfig>[0];

function columnDdl(col: SQLiteColumn): string {
  let sql = `${quoteIdent(col.name)} ${col.getSQLType()}`;
  if (col.primary) sql += ' PRIMARY KEY';
  if (col.notNull && !col.primary) sql += ' NOT NULL';
  return sql;
}

/**
 * Creates the table and indexes if missing, and adds key columns for indexes that an
 * older schema of the same collection version did not have (filled from the stored JSON).
 */
export function ensureTable(
  db: Database.Database,
  table: AnyTable,
  backfill?: (added: string[]) => void,
): void {
  const cfg = getTableConfig(table);
  const name = quoteIdent(cfg.name);
  db.exec(`CREATE TABLE IF NOT EXISTS ${name} (${cfg.columns.map(columnDdl).join(', ')})`);
  const existing = new Set(
    (db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map((r) => r.name),
  );
  const added: string[] = [];
  for (const col of cfg.columns) {
    if (existing.has(col.name)) continue;
    db.exec(`ALTER TABLE ${name} ADD COLUMN ${quoteIdent(col.name)} ${col.getSQLType()}`);
    added.push(col.name);
  }
  if (added.length > 0 && backfill) backfill(added);
  for (const idx of cfg.indexes) {
    const cols = idx.config.columns.map((c) => quoteIdent((c as SQLiteColumn).name)).join(', ');
    const unique = idx.config.unique ? 'UNIQUE ' : '';
    const where = idx.config.where
      ? ` WHERE ${new SQLiteSyncDialect().sqlToQuery(idx.config.where, 'indexes').sql}`
      : '';
    db.exec(
      `CREATE ${unique}INDEX IF NOT EXISTS ${quoteIdent(idx.config.name)} ON ${name} (${cols})${where}`,
    );
  }
}
