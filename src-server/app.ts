import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { createAccessTokens } from './auth/access-tokens';
import { loadSigningKey } from './auth/signing-key';
import { connectDatabase, type Database, type DatabaseKind } from './db/connect';
import { HttpError, installErrorHandlers } from './http/errors';
import { loggerOptions } from './http/logger';
import { authRoutes } from './routes/auth';
import { customerRoutes } from './routes/customers';
import { healthRoutes } from './routes/health';
import { meRoutes } from './routes/me';
import { presenceRoutes } from './routes/presence';
import { sipAccountRoutes } from './routes/sip-account';
import { syncRoutes } from './sync/sync-routes';
import { SERVER_VERSION } from './version';

export interface ServerOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder (only without databaseUrl); undefined keeps it in memory. */
  pgliteDir?: string;
  /** Folder of the SQL migrations; defaults to the one next to the code. */
  migrationsDir?: string;
  logLevel?: string;
  /** Where log lines go (default stdout); tests capture them here. */
  logStream?: NodeJS.WritableStream;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  /** Login attempts allowed per client address and username within the window. */
  loginRateLimit?: { max: number; timeWindowMs: number };
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
  /** Trust X-Forwarded-For from a load balancer (rate limiting keys on the client IP). */
  trustProxy?: boolean;
  /** How long an agent core's presence report holds (default 90 s). */
  presenceLeaseSeconds?: number;
}

export interface Server {
  app: FastifyInstance;
  database: DatabaseKind;
  db: Database;
  close(): Promise<void>;
}

export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 900;
export const DEFAULT_REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
export const DEFAULT_LOGIN_RATE_LIMIT = { max: 10, timeWindowMs: 60_000 };
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** Builds the server (database migrated, routes registered) without listening. */
export async function createServer(options: ServerOptions = {}): Promise<Server> {
  const handle = await connectDatabase(options);
  try {
    const key = await loadSigningKey(handle.db);
    const tokens = createAccessTokens(
      key,
      options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
    );
    const app = Fastify({
      logger: loggerOptions(options.logLevel ?? 'info', options.logStream),
      bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
      trustProxy: options.trustProxy ?? false,
      return503OnClosing: true,
    });
    app.decorateRequest('auth', null);
    installErrorHandlers(app);
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: () =>
        new HttpError(429, 'rate_limited', 'Too many login attempts; wait a minute and try again'),
    });
    const { db } = handle;
    await app.register(healthRoutes, { db, database: handle.kind, version: SERVER_VERSION });
    await app.register(authRoutes, {
      db,
      tokens,
      refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
      loginRateLimit: options.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT,
    });
    await app.register(meRoutes, { db, tokens });
    await app.register(sipAccountRoutes, { db, tokens });
    await app.register(customerRoutes, { db, tokens });
    await app.register(presenceRoutes, {
      db,
      tokens,
      ...(options.presenceLeaseSeconds ? { leaseSeconds: options.presenceLeaseSeconds } : {}),
    });
    await app.register(syncRoutes, { db, tokens, database: handle.kind });
    await app.ready();

    let closing: Promise<void> | undefined;
    return {
      app,
      database: handle.kind,
      db,
      close: () => {
        // Stop taking requests first, then release the database they were using.
        closing ??= app.close().then(() => handle.close());
        return closing;
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
