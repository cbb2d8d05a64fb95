/**
 * The central server as its own process for fault runs: on an existing PostgreSQL database
 * (FAULT_DATABASE_URL), seeded once (a restart finds the tenants and seeds nothing), listening
 * on a free port. Prints {"url": …} when ready. Fault runs SIGKILL it mid-pull and start it
 * again on the same database.
 */
import { createServer } from '../../../../src-server/app';
import { seedDemo } from '../../../../src-server/demo/seed';

async function run(): Promise<void> {
  const databaseUrl = process.env['FAULT_DATABASE_URL'];
  if (!databaseUrl) throw new Error('FAULT_DATABASE_URL is not set');
  const server = await createServer({
    logLevel: 'silent',
    databaseUrl,
    loginRateLimit: { max: 100_000, timeWindowMs: 60_000 },
    // Soak runs outlast the default 15 minutes; clients here do not refresh tokens.
    accessTokenTtlSeconds: 6 * 3600,
  });
  await seedDemo(server.db, { size: Number(process.env['DEMO_SIZE'] ?? 8), seed: 7 });
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  const stop = () => void server.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
