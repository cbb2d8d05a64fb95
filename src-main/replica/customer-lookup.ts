import type { RxCollection } from 'rxdb';
import {
  parsePhone,
  phoneQueryDigits,
  type ParsePhoneOptions,
} from '../../src-shared/domain/phone';
import { pinyinQueryKey } from '../../src-shared/domain/pinyin';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import { nameSearchKey, PHONE_SLOTS, reversedDigits } from '../../src-shared/rxdb/customer-keys';

export type CustomerCollection = RxCollection<CustomerDoc>;

/** Upper end of a prefix range: no key that starts with the prefix sorts after it. */
const RANGE_END = '\uffff';

/** Fewer digits match too many customers to be a useful suffix search. */
export const MIN_SUFFIX_DIGITS = 4;

function byName(a: CustomerDoc, b: CustomerDoc): number {
  return a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : a.id < b.id ? -1 : 1;
}

async function findInPhoneSlots(
  customers: CustomerCollection,
  condition: Record<string, string>,
  limit: number,
): Promise<CustomerDoc[]> {
  // One indexed query per slot: RxDB indexes scalar fields, and its planner serves only
  // one index per query, so an $or over the slots would scan the collection.
  const found = new Map<string, CustomerDoc>();
  for (const slot of PHONE_SLOTS) {
    const docs = await customers.find({ selector: { [slot]: condition }, limit }).exec();
    for (const doc of docs) found.set(doc.id, doc.toJSON() as CustomerDoc);
  }
  return [...found.values()].sort(byName).slice(0, limit);
}

/**
 * Screen pop: the customers one of whose numbers is the caller's number. Accepts the
 * forms a switch or an agent produces for Chinese numbers — '13800138000',
 * '+86 138-0013-8000', '008613800138000', '010-6552 9988', '(010)65529988', full-width
 * digits — and, with `defaultAreaCode`, a bare local landline number.
 */
export async function findCustomersByPhone(
  customers: CustomerCollection,
  rawNumber: string,
  options: ParsePhoneOptions = {},
): Promise<CustomerDoc[]> {
  // Some switches deliver the country code without '+' or '00' ('8613800138000').
  const compact = rawNumber.normalize('NFKC').replace(/[\s\-().]/g, '');
  const parsed =
    parsePhone(rawNumber, options) ??
    (/^86\d{9,}$/.test(compact) ? parsePhone(`+${compact}`, options) : null);
  if (!parsed) return [];
  const key = reversedDigits(parsed.e164);
  return findInPhoneSlots(customers, { $eq: key } as unknown as Record<string, string>, 50);
}

export type CustomerSearchResult = {
  customers: CustomerDoc[];
  matchedBy: ('phoneSuffix' | 'pinyin' | 'name')[];
};

/**
 * The agent's search box: a number (or its last digits) searches phone suffixes; letters
 * search pinyin initials and name prefixes; anything else searches name prefixes. All of
 * it runs as index ranges.
 */
export async function searchCustomers(
  customers: CustomerCollection,
  query: string,
  limit = 20,
): Promise<CustomerSearchResult> {
  const result = new Map<string, CustomerDoc>();
  const matchedBy: CustomerSearchResult['matchedBy'] = [];
  const add = (docs: CustomerDoc[]) => docs.forEach((d) => result.set(d.id, d));

  const digits = phoneQueryDigits(query);
  if (digits && digits.length >= MIN_SUFFIX_DIGITS) {
    const rev = reversedDigits(digits);
    add(await findInPhoneSlots(customers, { $gte: rev, $lt: rev + RANGE_END }, limit));
    matchedBy.push('phoneSuffix');
  }
  const initials = pinyinQueryKey(query);
  if (initials) {
    const docs = await customers
      .find({
        selector: { pinyinKey: { $gte: initials, $lt: initials + RANGE_END } },
        sort: [{ pinyinKey: 'asc' }],
        limit,
      })
      .exec();
    add(docs.map((d) => d.toJSON() as CustomerDoc));
    matchedBy.push('pinyin');
  }
  const name = nameSearchKey(query);
  if (name.length > 0 && !digits) {
    const docs = await customers
      .find({
        selector: { nameKey: { $gte: name, $lt: name + RANGE_END } },
        sort: [{ nameKey: 'asc' }],
        limit,
      })
      .exec();
    add(docs.map((d) => d.toJSON() as CustomerDoc));
    matchedBy.push('name');
  }
  return { customers: [...result.values()].sort(byName).slice(0, limit), matchedBy };
}
