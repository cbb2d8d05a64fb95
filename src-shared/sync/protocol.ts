import { z } from 'zod';
import { REFERENCE_ID_PATTERN } from '../rxdb/reference';

/**
 * The wire protocol of replication between the agent core and the central server
 * (RxDB's replication protocol: pull by checkpoint, push with the assumed master state,
 * a live stream). Shared by src-server/sync and src-main/sync.
 */

/** Collections replicated with the server; 'reference' is pulled only (read-only). */
export const SYNC_COLLECTIONS = ['customers', 'work_orders', 'interactions', 'reference'] as const;
/** Collections the desktop never writes: no push replication, the server refuses pushes. */
export const READ_ONLY_COLLECTIONS: readonly SyncCollection[] = ['reference'];
export type SyncCollection = (typeof SYNC_COLLECTIONS)[number];
export const SyncCollectionSchema = z.enum(SYNC_COLLECTIONS);

export const MAX_PULL_LIMIT = 500;
export const DEFAULT_PULL_LIMIT = 100;
export const MAX_PUSH_ROWS = 100;

/** Position in the server's change sequence; `id` breaks ties within one sequence value. */
export const CheckpointSchema = z.object({
  serverSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  id: z.string().max(64),
});
export type SyncCheckpoint = z.infer<typeof CheckpointSchema>;

/** GET /api/sync/:collection/pull?serverSeq=&id=&limit= (no serverSeq: from the start). */
export const PullQuerySchema = z.strictObject({
  serverSeq: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  id: z.union([z.guid(), z.literal('')]).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).optional(),
});

/**
 * The pull query of the reference collection, whose ids are `${kind}:${key}` rather than
 * UUIDs ('~' is the stream's start point: after every id).
 */
export const ReferencePullQuerySchema = PullQuerySchema.extend({
  id: z
    .union([z.string().max(96).regex(REFERENCE_ID_PATTERN), z.literal(''), z.literal('~')])
    .optional(),
});

/** A document as replicated: the RxDB document plus RxDB's deleted flag. */
export type WireDocument = Record<string, unknown> & { id: string; _deleted: boolean };

export type PullResponse = { documents: WireDocument[]; checkpoint: SyncCheckpoint | null };

const DocumentShape = z.looseObject({ id: z.string(), _deleted: z.boolean() });

/** SHA-256 (hex) of a pushed state's content (push-digest.ts). */
export const PushDigestSchema = z.string().regex(/^[0-9a-f]{64}$/);
/** Digests a push row may carry: the book keeps fewer states than this (decision 0023). */
export const MAX_SENT_BEFORE = 20;

/**
 * Every answer of a sync endpoint names the optional protocol parts the server understands,
 * comma separated, so that a client uses them only with a server that does: the push body is
 * a strict object and an older server refuses an unknown field with a 400.
 */
export const SYNC_FEATURES_HEADER = 'x-switchboard-sync-features';
/** Push rows may carry `sentBefore`, and conflict answers `applied` (decision 0023). */
export const FEATURE_APPLIED_PUSHES = 'applied-pushes';

/** POST /api/sync/:collection/push; the documents are checked against the RxDB schema too. */
export const PushBodySchema = z.strictObject({
  rows: z
    .array(
      z.strictObject({
        assumedMasterState: DocumentShape.nullish(),
        newDocumentState: DocumentShape,
        /**
         * Digests of the states of this document the client sent without hearing the answer
         * (this row's own state may be among them). Only to a server with FEATURE_APPLIED_PUSHES.
         */
        sentBefore: z.array(PushDigestSchema).max(MAX_SENT_BEFORE).optional(),
      }),
    )
    .max(MAX_PUSH_ROWS),
});
export type PushRow = {
  assumedMasterState?: WireDocument | null;
  newDocumentState: WireDocument;
  sentBefore?: string[];
};

/** Of a conflicted row's `sentBefore`, the digests of states the server applied, oldest first. */
export type AppliedPushes = { id: string; digests: string[] };

/**
 * The current master state of every pushed document that was not written; `applied` (only
 * from a server with FEATURE_APPLIED_PUSHES, only for conflicted rows that had `sentBefore`).
 */
export type PushResponse = { conflicts: WireDocument[]; applied?: AppliedPushes[] };

/** What the client accepts of a push answer: a server is a boundary too. */
export const PushResponseSchema = z.object({
  conflicts: z.array(DocumentShape),
  applied: z
    .array(
      z.object({
        id: z.string().max(96),
        digests: z.array(PushDigestSchema).max(MAX_SENT_BEFORE),
      }),
    )
    .max(MAX_PUSH_ROWS)
    .optional(),
});

/** Server → client over the WebSocket at /api/sync/stream. */
export type StreamMessage =
  'RESYNC' | { collection: SyncCollection; documents: WireDocument[]; checkpoint: SyncCheckpoint };

export const SYNC_PATHS = {
  pull: (collection: SyncCollection) => `/api/sync/${collection}/pull`,
  push: (collection: SyncCollection) => `/api/sync/${collection}/push`,
  stream: '/api/sync/stream',
} as const;
