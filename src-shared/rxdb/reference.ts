import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { EPOCH_MS, SYNC_FIELDS, type SyncFields } from './common';

/**
 * All read-only reference data lives in one collection keyed by kind: RxDB's open-source
 * core refuses a 14th open collection, and these lists are small. Append kinds, never
 * reorder or remove (the server's check constraint and schema versions follow this list).
 */
export const REFERENCE_KINDS = [
  'user',
  'team',
  'queue',
  'reason_code',
  'disposition',
  'work_order_type',
  'product',
  'fee',
  'policy',
  'department',
] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** The kinds schema version 0 knew. */
export const REFERENCE_KINDS_V0: readonly ReferenceKind[] = REFERENCE_KINDS.slice(0, 6);

export type ReferenceDoc = SyncFields & {
  /** `${kind}:${key}` */
  id: string;
  kind: ReferenceKind;
  key: string;
  /** Display names; keys are field-name safe (RxDB forbids '-'): zhCN is zh-CN. */
  label: { en: string; zhCN: string };
  active: boolean;
  sortOrder: number;
  /** Kind-specific attributes; validated by the kind's zod schema (reference-data.ts). */
  data: Record<string, unknown>;
};

export function referenceId(kind: ReferenceKind, key: string): string {
  return `${kind}:${key}`;
}

/** A reference key: a code or a user's UUID (letters, digits, '_', '-', '.'). */
export const REFERENCE_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** A reference document id, as it also appears in sync checkpoints. */
export const REFERENCE_ID_PATTERN = new RegExp(
  `^(${REFERENCE_KINDS.join('|')}):${REFERENCE_KEY_PATTERN.source.slice(1)}`,
);

export const referenceSchema = {
  title: 'reference',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 96 },
    kind: { type: 'string', enum: [...REFERENCE_KINDS], maxLength: 20 },
    key: { type: 'string', maxLength: 64 },
    label: {
      type: 'object',
      additionalProperties: false,
      properties: {
        en: { type: 'string', maxLength: 200 },
        zhCN: { type: 'string', maxLength: 200 },
      },
      required: ['en', 'zhCN'],
    },
    active: { type: 'boolean' },
    sortOrder: { type: 'integer', minimum: 0, maximum: 1_000_000, multipleOf: 1 },
    data: { type: 'object' },
    updatedAt: EPOCH_MS,
    serverSeq: SYNC_FIELDS.serverSeq,
  },
  required: ['id', 'kind', 'key', 'label', 'active', 'sortOrder', 'data', 'updatedAt', 'serverSeq'],
  indexes: [['kind', 'sortOrder'], 'updatedAt'],
} as const satisfies RxJsonSchema<ReferenceDoc>;

export const referenceMigrations: MigrationStrategies = {
  // v1 only added kinds (product, fee, policy, department): every v0 document is valid as is.
  1: (doc: Record<string, unknown>) => doc,
};
