import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../db/connect';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { openChangeFeed, SYNC_CHANNEL, type ChangeEvent } from './change-feed';

const adminUrl = process.env.DATABASE_URL;

/** Ends every other connection to the database, as a PostgreSQL restart or an admin would. */
async function terminateConnections(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return result.rowCount ?? 0;
  } finally {
    await client.end();
  }
}

async function notify(databaseUrl: string, payload: object): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_notify($1, $2)', [SYNC_CHANNEL, JSON.stringify(payload)]);
  } finally {
    await client.end();
  }
}

describe.runIf(adminUrl)('the change feed on PostgreSQL', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
    await database?.drop();
  });

  it('survives its LISTEN connection being killed: resync, then changes flow again', async () => {
    database = await createTestDatabase();
    handle = await connectDatabase({ databaseUrl: database.databaseUrl! });
    const feed = await openChangeFeed(handle.db, handle.kind);
    const events: ChangeEvent[] = [];
    feed.subscribe((event) => events.push(event));

    expect(await terminateConnections(database.databaseUrl!)).toBeGreaterThan(0);
    await expect
      .poll(() => events.some((e) => e.kind === 'resync'), { timeout: 10_000 })
      .toBe(true);
    const tenant = '00000000-0000-4000-8000-000000000001';
    await notify(database.databaseUrl!, { c: 'customers', t: tenant });
    await expect
      .poll(() => events.some((e) => e.kind === 'change' && e.tenantId === tenant), {
        timeout: 10_000,
      })
      .toBe(true);
    await feed.close();
  });

  it('closed, then every connection terminated (a restart, DROP … FORCE): nothing throws out of the process', async () => {
    database = await createTestDatabase();
    handle = await connectDatabase({ databaseUrl: database.databaseUrl! });
    const feed = await openChangeFeed(handle.db, handle.kind);
    // A query leaves an idle pooled connection behind, as a running server has.
    await handle.db.execute('SELECT 1');
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      await feed.close();
      await terminateConnections(database.databaseUrl!);
      // The terminated idle connection reports its end asynchronously; a fresh query proves
      // the pool replaced it.
      const selectOne = async () =>
        ((await handle!.db.execute('SELECT 1')) as { rows: unknown[] }).rows;
      await expect.poll(async () => (await selectOne()).length).toBe(1);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
  });
});
