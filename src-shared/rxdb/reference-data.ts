import { z } from 'zod';
import { ROLES } from '../domain/roles';
import type { ReferenceDoc, ReferenceKind } from './reference';

/**
 * The agreed `data` shape of each reference kind. The server checks seeded rows against
 * these; screens parse with them so a malformed row is skipped instead of breaking a view.
 */
const Bilingual = z.strictObject({
  en: z.string().min(1).max(2000),
  zhCN: z.string().min(1).max(2000),
});

const E164 = z.string().regex(/^\+[1-9]\d{2,14}$/, 'must be an E.164 number, e.g. +8640088000');

export const REFERENCE_DATA_SCHEMAS = {
  user: z.strictObject({ role: z.enum(ROLES), username: z.string().min(1).max(64) }),
  team: z.looseObject({}),
  queue: z.looseObject({ backOffice: z.boolean() }),
  reason_code: z.looseObject({}),
  disposition: z.looseObject({}),
  work_order_type: z.looseObject({}),
  product: z.strictObject({
    code: z.string().min(1).max(32),
    /** CNY, yuan. */
    price: z.number().nonnegative().max(1_000_000),
    unit: Bilingual.optional(),
    description: Bilingual.optional(),
  }),
  fee: z.strictObject({
    amount: z.number().nonnegative().max(1_000_000),
    currency: z.literal('CNY'),
    /** When the fee is charged. */
    when: Bilingual,
  }),
  policy: z.strictObject({ text: Bilingual }),
  department: z.strictObject({ phone: E164, hours: Bilingual }),
} satisfies Record<ReferenceKind, z.ZodType>;

export type ReferenceData = {
  [K in ReferenceKind]: z.infer<(typeof REFERENCE_DATA_SCHEMAS)[K]>;
};

/** A reference document whose `data` has been checked against its kind's schema. */
export type TypedReferenceDoc<K extends ReferenceKind = ReferenceKind> = {
  [P in K]: Omit<ReferenceDoc, 'kind' | 'data'> & { kind: P; data: ReferenceData[P] };
}[K];

export function parseReferenceData<K extends ReferenceKind>(
  kind: K,
  data: unknown,
): ReferenceData[K] | null {
  const parsed = REFERENCE_DATA_SCHEMAS[kind].safeParse(data);
  return parsed.success ? (parsed.data as ReferenceData[K]) : null;
}

/** The document with checked data, or null when its data does not fit its kind. */
export function typedReference(doc: ReferenceDoc): TypedReferenceDoc | null {
  const data = parseReferenceData(doc.kind, doc.data);
  return data === null ? null : ({ ...doc, data } as TypedReferenceDoc);
}
