import type { JsonSchema } from 'rxdb';

/**
 * Field shapes shared by the replicated collections. Indexed fields need bounds in RxDB
 * (maxLength for strings, minimum/maximum/multipleOf for numbers): the storage builds
 * fixed-width index keys from them.
 */
export const ID_FIELD = { type: 'string', maxLength: 64 } as const satisfies JsonSchema;

/** Milliseconds since the epoch; bounded so it can be indexed (till year 2286). */
export const EPOCH_MS = {
  type: 'number',
  minimum: 0,
  maximum: 9_999_999_999_999,
  multipleOf: 1,
} as const satisfies JsonSchema;

/**
 * What sync needs on every replicated document: the server's monotonic change sequence
 * (0 while the document exists only locally) and the last change time.
 */
export const SYNC_FIELDS = {
  updatedAt: EPOCH_MS,
  serverSeq: { type: 'integer', minimum: 0, maximum: 9_007_199_254_740_991, multipleOf: 1 },
} as const satisfies Record<string, JsonSchema>;

export type SyncFields = { updatedAt: number; serverSeq: number };

export const ADDRESS = {
  type: 'object',
  additionalProperties: false,
  properties: {
    line1: { type: 'string', maxLength: 200 },
    line2: { type: 'string', maxLength: 200 },
    district: { type: 'string', maxLength: 100 },
    city: { type: 'string', maxLength: 100 },
    province: { type: 'string', maxLength: 100 },
    postalCode: { type: 'string', maxLength: 20 },
    country: { type: 'string', minLength: 2, maxLength: 2 },
  },
} as const satisfies JsonSchema;

export type Address = {
  line1?: string;
  line2?: string;
  district?: string;
  city?: string;
  province?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
};
