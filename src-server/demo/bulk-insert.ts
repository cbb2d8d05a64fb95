import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../db/connect';

type Executor = Pick<Database, 'execute'>;

/**
 * Inserts many rows through one JSON parameter (jsonb_to_recordset) instead of one
 * parameter per value: binding and planning tens of thousands of parameters per statement
 * roughly doubled the time to seed demo data. Values must be JSON-ready (timestamps as
 * ISO strings). Only the keys of the first row are written; other columns keep defaults.
 */
export async function insertJsonRows(
  db: Executor,
  table: PgTable,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const all = getTableColumns(table);
  const unknown = Object.keys(first).filter((key) => !(key in all));
  // A misspelt key would otherwise vanish silently and leave the column at its default.
  if (unknown.length > 0) throw new Error(`no such columns: ${unknown.join(', ')}`);
  const columns = Object.entries(all).filter(([key]) => key in first);
  const names = sql.join(
    columns.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  const definitions: SQL[] = columns.map(
    ([, column]) => sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`,
  );
  const json = JSON.stringify(
    rows.map((row) => Object.fromEntries(columns.map(([key, column]) => [column.name, row[key]]))),
  );
  await db.execute(
    sql`insert into ${table} (${names}) select ${names} from jsonb_to_recordset(${json}::jsonb) as x(${sql.join(definitions, sql`, `)})`,
  );
}
