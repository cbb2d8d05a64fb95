import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Health } from '../../src-shared/http/health';
import type { Database, DatabaseKind } from '../db/connect';
import { HttpError } from '../http/errors';

export interface HealthRoutesOptions {
  db: Database;
  database: DatabaseKind;
  version: string;
}

export async function healthRoutes(
  app: FastifyInstance,
  options: HealthRoutesOptions,
): Promise<void> {
  app.get('/health', async (request): Promise<Health> => {
    // A load balancer must take a process out of rotation when its database is gone.
    try {
      await options.db.execute(sql`select 1`);
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unreachable');
      throw new HttpError(503, 'internal', 'The database is unreachable');
    }
    return { status: 'ok', database: options.database, version: options.version };
  });
}
