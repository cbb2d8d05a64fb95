import { afterAll, beforeAll } from 'vitest';
import { createServer, type Server, type ServerOptions } from '../app';
import { seedDemo } from '../demo/seed';
import { DEMO_PASSWORD } from '../demo/users';
import { createTestDatabase } from './test-database';
import type { TokenPair } from '../../src-shared/http/auth';

export interface TestServerOptions extends ServerOptions {
  /** Force embedded PGlite even when DATABASE_URL is set. */
  pglite?: boolean;
  /** Demo customers to seed (tenants and users are always seeded unless `seed` is false). */
  demoSize?: number;
  seed?: boolean;
}

/**
 * Starts one server on a fresh database for the enclosing test file. The getter throws
 * when read outside a test, i.e. before beforeAll ran.
 */
export function useTestServer(options: TestServerOptions = {}): () => Server {
  let server: Server | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const { pglite, demoSize = 60, seed = true, ...serverOptions } = options;
    const database = await createTestDatabase({ pglite: pglite ?? false });
    drop = () => database.drop();
    server = await createServer({
      logLevel: 'silent',
      ...serverOptions,
      ...(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {}),
    });
    if (seed) await seedDemo(server.db, { size: demoSize, seed: 7 });
  });
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });
  return () => {
    if (!server) throw new Error('test server is not started');
    return server;
  };
}

export async function login(
  server: Server,
  username: string,
  tenant = 'demo',
  password = DEMO_PASSWORD,
): Promise<TokenPair> {
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { tenant, username, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(`login ${tenant}/${username} failed: ${response.statusCode} ${response.body}`);
  }
  return response.json() as TokenPair;
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
