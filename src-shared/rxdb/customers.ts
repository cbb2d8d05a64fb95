import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { ADDRESS, EPOCH_MS, ID_FIELD, SYNC_FIELDS, type Address, type SyncFields } from './common';

/**
 * Phone numbers whose reversed digits are indexed. RxDB indexes scalar fields only, so
 * "any of the customer's numbers" is served by one indexed slot per number; a lookup
 * queries each slot's index (see src-main/replica/customer-lookup.ts).
 */
export const CUSTOMER_PHONE_SLOTS = 4;

/**
 * Widths of the derived search keys. RxDB pads every indexed string to its maxLength, so
 * the width is paid in every index entry of every customer; a prefix search longer than
 * the key is narrowed by the key and finished on the name (customer-lookup.ts).
 */
export const NAME_KEY_LENGTH = 40;
export const PINYIN_KEY_LENGTH = 24;

/** E.164 has at most 15 digits. */
const PHONE_REV = { type: 'string', maxLength: 15 } as const;

export type CustomerTier = 'none' | 'silver' | 'gold' | 'platinum';

export type CustomerDoc = SyncFields & {
  id: string;
  name: string;
  /** NFKC, lower-cased name: name-prefix search runs as a range on its index. */
  nameKey: string;
  /** Pinyin initials of the name ('zsf' for 张三丰); '' for names without Han characters. */
  pinyinKey: string;
  /** E.164 numbers, e.g. '+8613800138000'. */
  phones: string[];
  /** Digits of phones[i] reversed ('0008310083168'), '' for an empty slot. */
  phoneRev0: string;
  phoneRev1: string;
  phoneRev2: string;
  phoneRev3: string;
  emails: string[];
  /** '' when the customer has none. */
  accountNumber: string;
  vipTier: CustomerTier;
  address?: Address;
  tags: string[];
};

export const customerSchema = {
  title: 'customers',
  description: 'Customers, as replicated from the server (field technicians: only their own).',
  // v1: nameKey and pinyinKey narrowed from 200 and 100 to 40 and 24 characters.
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID_FIELD,
    name: { type: 'string', minLength: 1, maxLength: 200 },
    nameKey: { type: 'string', maxLength: NAME_KEY_LENGTH },
    pinyinKey: { type: 'string', maxLength: PINYIN_KEY_LENGTH },
    phones: {
      type: 'array',
      maxItems: CUSTOMER_PHONE_SLOTS,
      uniqueItems: true,
      items: { type: 'string', pattern: '^\\+[1-9][0-9]{6,14}$' },
    },
    phoneRev0: PHONE_REV,
    phoneRev1: PHONE_REV,
    phoneRev2: PHONE_REV,
    phoneRev3: PHONE_REV,
    emails: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 254 } },
    accountNumber: { type: 'string', maxLength: 40 },
    vipTier: { type: 'string', enum: ['none', 'silver', 'gold', 'platinum'], maxLength: 10 },
    address: ADDRESS,
    tags: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 50 } },
    updatedAt: EPOCH_MS,
    serverSeq: SYNC_FIELDS.serverSeq,
  },
  required: [
    'id',
    'name',
    'nameKey',
    'pinyinKey',
    'phones',
    'phoneRev0',
    'phoneRev1',
    'phoneRev2',
    'phoneRev3',
    'emails',
    'accountNumber',
    'vipTier',
    'tags',
    'updatedAt',
    'serverSeq',
  ],
  indexes: [
    'nameKey',
    'pinyinKey',
    'phoneRev0',
    'phoneRev1',
    'phoneRev2',
    'phoneRev3',
    'accountNumber',
    'updatedAt',
  ],
} as const satisfies RxJsonSchema<CustomerDoc>;

/** Version n's strategy turns a version n-1 document into version n. */
export const customerMigrations: MigrationStrategies = {
  // The keys are prefixes of the normalised name and its initials (customer-keys.ts), so
  // cutting the v0 keys gives exactly the keys v1 derives.
  1: (doc: CustomerDoc) => ({
    ...doc,
    nameKey: doc.nameKey.slice(0, NAME_KEY_LENGTH),
    pinyinKey: doc.pinyinKey.slice(0, PINYIN_KEY_LENGTH),
  }),
};
