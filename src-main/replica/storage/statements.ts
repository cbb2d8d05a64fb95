import type Database from 'better-sqlite3';
import type { IndexKeyColumn } from './index-keys';
import { quoteIdent } from './table-definition';

/** Rows per cleanup() call: keeps each synchronous call short; RxDB calls again on false. */
export const CLEANUP_BATCH = 500;

/**
 * The fixed statements of one collection table. Each is prepared on first use: opening a
 * database opens every collection, and most collections use few of these statements
 * before the app closes. Statements that return one column are plucked: better-sqlite3
 * then hands back the value instead of building a row object per document.
 */
export function prepareStatements(
  db: Database.Database,
  t: string,
  att: string,
  keyColumns: readonly IndexKeyColumn[],
  lwtKey: IndexKeyColumn | undefined,
) {
  const keyCols = keyColumns.map((k) => quoteIdent(k.column));
  const cols = ['id', 'data', 'deleted', 'lwt', 'rev', 'id_key', ...keyCols];
  // A JSON array of ids joined to the table in one statement: one call into SQLite for a
  // whole bulk instead of one per id. CROSS JOIN keeps json_each as the outer loop, so the
  // documents come back in the order of the ids, as the memory storage returns them.
  const byIdsSql = (select: string, where = '') =>
    `SELECT ${select} FROM json_each(?) AS j CROSS JOIN ${t} AS d ON d.id = j.value${where}`;
  const lwtCol = lwtKey ? quoteIdent(lwtKey.column) : '';
  return lazyStatements(db, {
    upsert: [
      `INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
       ON CONFLICT(id) DO UPDATE SET ${cols
         .slice(1)
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}`,
    ],
    byId: [`SELECT data FROM ${t} WHERE id = ?`, 'pluck'],
    liveById: [`SELECT data FROM ${t} WHERE id = ? AND deleted = 0`, 'pluck'],
    byIds: [byIdsSql('d.data'), 'pluck'],
    liveByIds: [byIdsSql('d.data', ' WHERE d.deleted = 0'), 'pluck'],
    idAndDataByIds: [byIdsSql('d.id, d.data'), 'raw'],
    changes: [
      lwtKey
        ? `SELECT data FROM ${t} WHERE ${lwtCol} > ? ORDER BY ${lwtCol} LIMIT ?`
        : `SELECT data FROM ${t} WHERE lwt > ? OR (lwt = ? AND id_key > ?) ORDER BY lwt, id_key LIMIT ?`,
      'pluck',
    ],
    cleanupSelect: [
      `SELECT id FROM ${t} WHERE deleted = 1 AND lwt <= ? ORDER BY lwt LIMIT ${CLEANUP_BATCH + 1}`,
      'pluck',
    ],
    deleteDoc: [`DELETE FROM ${t} WHERE id = ?`],
    deleteAttsOfDoc: [`DELETE FROM ${att} WHERE doc_id = ?`],
    putAtt: [
      `INSERT INTO ${att} (doc_id, attachment_id, digest, type, kind, data) VALUES (?, ?, ?, ?, ?, ?)`,
    ],
    deleteAtt: [`DELETE FROM ${att} WHERE doc_id = ? AND attachment_id = ?`],
    getAtt: [`SELECT digest, type, kind, data FROM ${att} WHERE doc_id = ? AND attachment_id = ?`],
  });
}

type StatementSpec = readonly [sql: string, mode?: 'pluck' | 'raw'];

function lazyStatements<K extends string>(
  db: Database.Database,
  specs: Record<K, StatementSpec>,
): Readonly<Record<K, Database.Statement>> {
  const prepared = new Map<K, Database.Statement>();
  const out = {} as Record<K, Database.Statement>;
  for (const name of Object.keys(specs) as K[]) {
    Object.defineProperty(out, name, {
      get(): Database.Statement {
        let stmt = prepared.get(name);
        if (!stmt) {
          const [sql, mode] = specs[name];
          stmt = db.prepare(sql);
          if (mode === 'pluck') stmt.pluck();
          if (mode === 'raw') stmt.raw();
          prepared.set(name, stmt);
        }
        return stmt;
      },
    });
  }
  return out;
}

export type CollectionStatements = ReturnType<typeof prepareStatements>;

/**
 * Prepared statements for SQL built per query shape (index column, bound inclusivity,
 * limit form). The set of shapes is small, so preparing each once pays off.
 */
export class StatementCache {
  private readonly cache = new Map<string, Database.Statement>();
  constructor(private readonly db: Database.Database) {}

  /** A statement whose single result column is returned as the bare value. */
  pluck(sql: string): Database.Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql).pluck();
      if (this.cache.size > 200) this.cache.clear();
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}
