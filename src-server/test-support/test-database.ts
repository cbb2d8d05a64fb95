import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** Connection string of a fresh, empty database; undefined means in-memory PGlite. */
  databaseUrl: string | undefined;
  drop(): Promise<void>;
}

/**
 * With DATABASE_URL set (CI), a fresh database sb_test_<random> on that server for one test
 * file, dropped afterwards; otherwise (or with `pglite: true`) in-memory PGlite.
 */
export async function createTestDatabase(
  options: { pglite?: boolean } = {},
): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl || options.pglite) return { databaseUrl: undefined, drop: async () => {} };

  const name = `sb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        // FORCE: a pool that a failed test left open must not keep the database alive.
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
