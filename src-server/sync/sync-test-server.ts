/**
 * A real sync server for the agent core's tests, run as its own process (src-main may not
 * import src-server): a fresh database (PostgreSQL when DATABASE_URL is set, else in-memory
 * PGlite), demo data, listening on a free port. Prints {"url": …} once ready; SIGTERM stops it
 * and drops the database. Each stdin line {"sql": …} is run on its database (a test's way to
 * change data only the server may write, e.g. rename a user) and answered {"done": …}.
 */
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { createServer } from '../app';
import { seedDemo } from '../demo/seed';
import { createTestDatabase } from '../test-support/test-database';

async function run(): Promise<void> {
  const database = await createTestDatabase();
  const server = await createServer({
    logLevel: 'silent',
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
    ...(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {}),
  });
  await seedDemo(server.db, { size: Number(process.env['DEMO_SIZE'] ?? 10), seed: 7 });
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  createInterface({ input: process.stdin }).on('line', (line) => {
    const command = JSON.parse(line) as { sql: string };
    void server.db
      .execute(sql.raw(command.sql))
      .then(() => ({ done: command.sql }))
      .catch((error: unknown) => ({ done: command.sql, error: String(error) }))
      .then((answer) => process.stdout.write(`${JSON.stringify(answer)}\n`));
  });
  const stop = () => {
    void server
      .close()
      .then(() => database.drop())
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
