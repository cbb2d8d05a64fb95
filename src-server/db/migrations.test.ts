import { sql, type SQL } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from './connect';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';

const EXPECTED_TABLES = [
  'agent_presence',
  'customers',
  'interactions',
  'refresh_tokens',
  'server_secrets',
  'sip_accounts',
  'tenants',
  'user_groups',
  'users',
  'work_orders',
];

// Both drivers answer execute() with { rows }; the shared PgDatabase type cannot say so.
async function rows<T>(handle: DatabaseHandle, query: SQL): Promise<T[]> {
  return ((await handle.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function tablesOf(handle: DatabaseHandle): Promise<string[]> {
  const result = await rows<{ table_name: string }>(
    handle,
    sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
  );
  return result.map((row) => row.table_name);
}

const opened: { handle: DatabaseHandle; database: TestDatabase }[] = [];
afterAll(async () => {
  for (const { handle, database } of opened) {
    await handle.close();
    await database.drop();
  }
});

// PGlite always runs; PostgreSQL too when DATABASE_URL is set (as in CI).
const backends = [
  { name: 'pglite', pglite: true },
  ...(process.env.DATABASE_URL ? [{ name: 'postgres', pglite: false }] : []),
];

describe.each(backends)('migrations on $name', ({ name, pglite }) => {
  it('create every table, the trigram extension and are idempotent', async () => {
    const database = await createTestDatabase({ pglite });
    const options = database.databaseUrl ? { databaseUrl: database.databaseUrl } : {};
    const handle = await connectDatabase(options);
    opened.push({ handle, database });
    expect(handle.kind).toBe(name);
    expect(await tablesOf(handle)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    const ext = await rows(handle, sql`select extname from pg_extension where extname = 'pg_trgm'`);
    expect(ext).toHaveLength(1);
    const trgm = await rows<{ similar: boolean }>(handle, sql`select 'abc' % 'abd' as similar`);
    expect(typeof trgm[0]?.similar).toBe('boolean');

    if (database.databaseUrl) {
      // A second process starting against the same database finds nothing to do.
      const again = await connectDatabase(options);
      await again.close();
    }
  });
});
