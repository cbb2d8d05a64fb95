import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import {
  DEFAULT_PULL_LIMIT,
  FEATURE_APPLIED_PUSHES,
  PullQuerySchema,
  PushBodySchema,
  ReferencePullQuerySchema,
  SYNC_FEATURES_HEADER,
  SYNC_PATHS,
  SyncCollectionSchema,
  type PushRow,
  type SyncCollection,
} from '../../src-shared/sync/protocol';
import type { AccessTokens } from '../auth/access-tokens';
import { authenticate, claimsOf } from '../auth/authenticate';
import type { Database, DatabaseKind } from '../db/connect';
import { HttpError } from '../http/errors';
import { parseInput } from '../http/validate';
import { DocumentError, scopeOf } from './adapter';
import { SYNC_ADAPTERS } from './adapters';
import { openChangeFeed } from './change-feed';
import { pullChanges } from './pull';
import { pushChanges } from './push';
import { REFERENCE_READ_ONLY } from './reference-adapter';
import { serveStream } from './stream';
import { attachmentRoutes } from './work-order-attachments';

export interface SyncRoutesOptions {
  db: Database;
  database: DatabaseKind;
  tokens: AccessTokens;
}

/**
 * A push carries up to MAX_PUSH_ROWS whole documents; more than the API default body. Work
 * orders bring new attachments' bytes too (base64), which is why the client pushes them in
 * small batches (decision 0018).
 */
export const PUSH_BODY_LIMIT = 24 * 1024 * 1024;

function collectionOf(params: unknown): SyncCollection {
  const name = (params as { collection?: string }).collection ?? '';
  const parsed = SyncCollectionSchema.safeParse(name);
  if (!parsed.success) {
    throw new HttpError(404, 'not_found', `'${name.slice(0, 64)}' is not a synced collection`);
  }
  return parsed.data;
}

/** Maps refusals of documents and database constraint errors to clear 4xx answers. */
function asHttpError(error: unknown): unknown {
  if (error instanceof DocumentError) {
    const code =
      error.status === 403
        ? 'forbidden'
        : error.status === 413
          ? 'payload_too_large'
          : 'bad_request';
    return new HttpError(error.status, code, error.message);
  }
  const code =
    (error as { code?: string; cause?: { code?: string } }).cause?.code ??
    (error as { code?: string }).code;
  if (code === '23505')
    return new HttpError(
      409,
      'conflict',
      'A pushed document duplicates a unique value (e.g. an account or order number)',
    );
  if (code === '23503')
    return new HttpError(
      400,
      'bad_request',
      'A pushed document refers to a row that does not exist',
    );
  return error;
}

export async function syncRoutes(app: FastifyInstance, options: SyncRoutesOptions): Promise<void> {
  const { db, tokens } = options;
  const onRequest = authenticate(tokens);
  const feed = await openChangeFeed(db, options.database);
  app.addHook('onClose', () => feed.close());
  // On every sync answer, errors too: a client learns here what it may send (decision 0023).
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/sync/'))
      reply.header(SYNC_FEATURES_HEADER, FEATURE_APPLIED_PUSHES);
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

  app.get('/api/sync/:collection/pull', { onRequest }, async (request) => {
    const collection = collectionOf(request.params);
    const querySchema = collection === 'reference' ? ReferencePullQuerySchema : PullQuerySchema;
    const query = parseInput(querySchema, request.query, 'pull query');
    const after = { serverSeq: query.serverSeq ?? 0, id: query.id ?? '' };
    const scope = scopeOf(claimsOf(request));
    return pullChanges(
      db,
      SYNC_ADAPTERS[collection],
      scope,
      after,
      query.limit ?? DEFAULT_PULL_LIMIT,
    );
  });

  app.post(
    '/api/sync/:collection/push',
    { onRequest, bodyLimit: PUSH_BODY_LIMIT },
    async (request) => {
      const collection = collectionOf(request.params);
      if (SYNC_ADAPTERS[collection].readOnly) {
        throw new HttpError(403, 'forbidden', REFERENCE_READ_ONLY);
      }
      const body = parseInput(PushBodySchema, request.body, 'push body');
      try {
        const { conflicts, applied } = await pushChanges(
          db,
          SYNC_ADAPTERS[collection],
          claimsOf(request),
          body.rows as PushRow[],
        );
        // An older client's answer stays as it was.
        return applied.length > 0 ? { conflicts, applied } : { conflicts };
      } catch (error) {
        throw asHttpError(error);
      }
    },
  );

  attachmentRoutes(app, db, onRequest);

  app.get(SYNC_PATHS.stream, { onRequest, websocket: true }, (socket, request) => {
    serveStream(socket, claimsOf(request), db, feed);
  });
}
