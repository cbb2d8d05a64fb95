import path from 'node:path';
import { createServer } from './app';
import { DEFAULT_DEMO_SEED, DEFAULT_DEMO_SIZE } from './demo/generate';
import { seedDemo } from './demo/seed';

/** Reads a positive integer from the environment; a typo must stop the process, not be ignored. */
function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number, got ${raw}`);
  return value;
}

async function main(): Promise<void> {
  const port = intFromEnv('PORT', 8700);
  const host = process.env.HOST || '127.0.0.1';
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const pgliteDir = databaseUrl
    ? undefined
    : path.resolve(process.env.PGLITE_DIR || path.join('.data', 'server-pglite'));

  const server = await createServer({
    ...(databaseUrl ? { databaseUrl } : { pgliteDir }),
    logLevel: process.env.LOG_LEVEL || 'info',
    trustProxy: process.env.TRUST_PROXY === '1',
  });
  const log = server.app.log;
  log.info({ database: server.database, pgliteDir }, 'database ready');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  if (process.env.SEED_DEMO === '1') {
    const size = intFromEnv('DEMO_SIZE', DEFAULT_DEMO_SIZE);
    const result = await seedDemo(server.db, {
      size,
      seed: intFromEnv('DEMO_SEED', DEFAULT_DEMO_SEED),
      onProgress: (n) => {
        if (n % 50_000 === 0 || n === size)
          log.info({ customers: n, of: size }, 'seeding demo data');
      },
    });
    log.info(
      result,
      result.seeded ? 'demo data seeded' : 'database not empty; demo seeding skipped',
    );
  }

  const address = await server.app.listen({ port, host });
  log.info(`Switchboard server listening on ${address}`);
}

main().catch((error: unknown) => {
  console.error('Switchboard server failed to start:', error);
  process.exit(1);
});
