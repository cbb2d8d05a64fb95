import type Database from 'better-sqlite3';
import type { IndexKeyColumn } from './index-keys';
import { quoteIdent } from './table-definition';

/** Rows per cleanup() call: keeps each synchronous call short; RxDB calls again on false. */
export const CLEANUP_BATCH = 500;

/** The fixed statements of one collection table, prepared once per storage instance. */
export function prepareStatements(
  db: Database.Database,
  t: string,
  att: string,
  keyColumns: readonly IndexKeyColumn[],
) {
  const keyCols = keyColumns.map((k) => quoteIdent(k.column));
  const cols = ['id', 'data', 'deleted', 'lwt', 'rev', 'id_key', ...keyCols];
  return {
    upsert: db.prepare(
      `INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
       ON CONFLICT(id) DO UPDATE SET ${cols
         .slice(1)
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}`,
    ),
    byId: db.prepare(`SELECT data FROM ${t} WHERE id = ?`),
    changes: db.prepare(
      `SELECT data FROM ${t} WHERE lwt > ? OR (lwt = ? AND id_key > ?) ORDER BY lwt, id_key LIMIT ?`,
    ),
    cleanupSelect: db.prepare(
      `SELECT id FROM ${t} WHERE deleted = 1 AND lwt <= ? ORDER BY lwt LIMIT ${CLEANUP_BATCH + 1}`,
    ),
    deleteDoc: db.prepare(`DELETE FROM ${t} WHERE id = ?`),
    deleteAttsOfDoc: db.prepare(`DELETE FROM ${att} WHERE doc_id = ?`),
    putAtt: db.prepare(
      `INSERT INTO ${att} (doc_id, attachment_id, digest, type, kind, data) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    deleteAtt: db.prepare(`DELETE FROM ${att} WHERE doc_id = ? AND attachment_id = ?`),
    getAtt: db.prepare(
      `SELECT digest, type, kind, data FROM ${att} WHERE doc_id = ? AND attachment_id = ?`,
    ),
  };
}

export type CollectionStatements = ReturnType<typeof prepareStatements>;

/**
 * Prepared statements for SQL built per query shape (index column, bound inclusivity,
 * limit form). The set of shapes is small, so preparing each once pays off.
 */
export class StatementCache {
  private readonly cache = new Map<string, Database.Statement>();
  constructor(private readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (this.cache.size > 200) this.cache.clear();
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}
