import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { EPOCH_MS, SYNC_FIELDS, type SyncFields } from './common';

/**
 * All read-only reference data lives in one collection keyed by kind: RxDB's open-source
 * core refuses a 14th open collection, and these lists are small.
 */
export const REFERENCE_KINDS = [
  'user',
  'team',
  'queue',
  'reason_code',
  'disposition',
  'work_order_type',
] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export type ReferenceDoc = SyncFields & {
  /** `${kind}:${key}` */
  id: string;
  kind: ReferenceKind;
  key: string;
  /** Display names; keys are field-name safe (RxDB forbids '-'): zhCN is zh-CN. */
  label: { en: string; zhCN: string };
  active: boolean;
  sortOrder: number;
  /** Kind-specific attributes (e.g. a queue's skills); validated by the kind's zod schema. */
  data: Record<string, unknown>;
};

export function referenceId(kind: ReferenceKind, key: string): string {
  return `${kind}:${key}`;
}

export const referenceSchema = {
  title: 'reference',
  version: 0,
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

export const referenceMigrations: MigrationStrategies = {};
