import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { EPOCH_MS } from './common';

/**
 * A local edit that lost to the server: both sides changed the same field of a document, the
 * server's value stayed in the document and the local one is kept here for the user to see
 * and re-apply. No edit is dropped silently.
 */
export type ConflictDoc = {
  /** `${collection}:${docId}:${field}:${serverSeq}` — the same conflict resolved twice is one record. */
  id: string;
  /** The replicated collection of the document ('collection' is reserved by RxDB). */
  sourceCollection: string;
  docId: string;
  field: string;
  /** JSON of the field's value: last common (assumed master), local, and server. */
  base: string;
  local: string;
  server: string;
  /** serverSeq of the server document that won. */
  serverSeq: number;
  createdAt: number;
  resolved: boolean;
};

export const conflictSchema = {
  title: 'conflicts',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 200 },
    sourceCollection: { type: 'string', maxLength: 32 },
    docId: { type: 'string', maxLength: 64 },
    field: { type: 'string', maxLength: 64 },
    base: { type: 'string', maxLength: 100_000 },
    local: { type: 'string', maxLength: 100_000 },
    server: { type: 'string', maxLength: 100_000 },
    serverSeq: { type: 'integer', minimum: 0, maximum: 9_007_199_254_740_991, multipleOf: 1 },
    createdAt: EPOCH_MS,
    resolved: { type: 'boolean' },
  },
  required: [
    'id',
    'sourceCollection',
    'docId',
    'field',
    'base',
    'local',
    'server',
    'serverSeq',
    'createdAt',
    'resolved',
  ],
  // ['resolved', 'id'] lets the unresolved-conflicts count run on an index (RxDB refuses slow counts).
  indexes: ['createdAt', 'docId', ['resolved', 'id']],
} as const satisfies RxJsonSchema<ConflictDoc>;

export const conflictMigrations: MigrationStrategies = {};

export const CONFLICTS_COLLECTION = {
  conflicts: {
    schema: conflictSchema as RxJsonSchema<ConflictDoc>,
    migrationStrategies: conflictMigrations,
  },
};
