import type { RxCollection } from 'rxdb';
import {
  parsePhone,
  phoneQueryDigits,
  type ParsePhoneOptions,
} from '../../src-shared/domain/phone';
import { pinyinInitials, pinyinQueryKey } from '../../src-shared/domain/pinyin';
import {
  NAME_KEY_LENGTH,
  PINYIN_KEY_LENGTH,
  type CustomerDoc,
} from '../../src-shared/rxdb/customers';
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
  const perSlot = await Promise.all(
    PHONE_SLOTS.map((slot) => customers.find({ selector: { [slot]: condition }, limit }).exec()),
  );
  for (const docs of perSlot)
    for (const doc of docs) found.set(doc.id, doc.toJSON() as CustomerDoc);
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

export type SearchMatch = 'phoneSuffix' | 'pinyin' | 'name' | 'accountNumber';

export type CustomerSearchResult = {
  /** The page asked for. */
  customers: CustomerDoc[];
  /** Exact number of customers matching, all pages. */
  total: number;
  matchedBy: SearchMatch[];
};

export type CustomerSearchPage = { offset?: number; limit?: number };

/**
 * Up to this many matches (summed over the index ranges), every match is read and the
 * page is cut from them ordered by name. Above it, the largest range is paged by its index
 * and only the others are read.
 */
export const GATHER_LIMIT = 1000;

/** One index range of the query; `also` finishes a prefix longer than its key. */
type KeyRange = {
  field: keyof CustomerDoc & string;
  from: string;
  match: SearchMatch;
  also?: (doc: CustomerDoc) => boolean;
};

function inRange(doc: CustomerDoc, range: KeyRange): boolean {
  const value = doc[range.field] as string;
  return value >= range.from && value < range.from + RANGE_END && (range.also?.(doc) ?? true);
}

function selectorOf(range: KeyRange): Record<string, unknown> {
  return { [range.field]: { $gte: range.from, $lt: range.from + RANGE_END } };
}

/**
 * What the query searches: a number (or its last digits) phone suffixes, and account
 * numbers when it has a digit; letters pinyin initials and name prefixes; anything else
 * name prefixes. Each is one range of one index.
 */
function keyRanges(query: string): KeyRange[] {
  const ranges: KeyRange[] = [];
  const digits = phoneQueryDigits(query);
  if (digits && digits.length >= MIN_SUFFIX_DIGITS) {
    const rev = reversedDigits(digits);
    for (const slot of PHONE_SLOTS) ranges.push({ field: slot, from: rev, match: 'phoneSuffix' });
  }
  const initials = pinyinQueryKey(query);
  if (initials) {
    ranges.push({
      field: 'pinyinKey',
      from: initials.slice(0, PINYIN_KEY_LENGTH),
      match: 'pinyin',
      ...(initials.length > PINYIN_KEY_LENGTH
        ? { also: (doc: CustomerDoc) => pinyinInitials(doc.name).startsWith(initials) }
        : {}),
    });
  }
  const name = nameSearchKey(query);
  if (name.length > 0 && !digits) {
    ranges.push({
      field: 'nameKey',
      from: name.slice(0, NAME_KEY_LENGTH),
      match: 'name',
      ...(name.length > NAME_KEY_LENGTH
        ? { also: (doc: CustomerDoc) => nameSearchKey(doc.name).startsWith(name) }
        : {}),
    });
  }
  // Account numbers are upper-case letters and digits ('C00012345'); a query without a
  // digit would match every account of a prefix, which is not a search.
  const account = query.normalize('NFKC').trim().toUpperCase();
  if (/\d/.test(account) && /^[A-Z0-9-]{1,40}$/.test(account)) {
    ranges.push({ field: 'accountNumber', from: account, match: 'accountNumber' });
  }
  return ranges;
}

/**
 * The agent's search box, from the replica: every kind of match runs as an index range,
 * the total is exact. Ordered by name when the matches are few (up to GATHER_LIMIT); for
 * broad queries the largest range comes first in its index order, then the other matches
 * by name. An empty query lists every customer by name.
 */
export async function searchCustomers(
  customers: CustomerCollection,
  query: string,
  page: CustomerSearchPage = {},
): Promise<CustomerSearchResult> {
  const offset = page.offset ?? 0;
  const limit = page.limit ?? 20;
  if (query.trim() === '') {
    const [total, docs] = await Promise.all([
      customers.count().exec(),
      customers.find({ selector: {}, sort: [{ nameKey: 'asc' }], skip: offset, limit }).exec(),
    ]);
    return { customers: docs.map((d) => d.toJSON() as CustomerDoc), total, matchedBy: [] };
  }
  const ranges = keyRanges(query);
  const matchedBy = [...new Set(ranges.map((r) => r.match))];
  const counts = await Promise.all(
    ranges.map((r) => customers.count({ selector: selectorOf(r) as never }).exec()),
  );
  const read = async (range: KeyRange) =>
    (await customers.find({ selector: selectorOf(range) as never }).exec())
      .map((d) => d.toJSON() as CustomerDoc)
      .filter((d) => range.also?.(d) ?? true);
  const sum = counts.reduce((a, b) => a + b, 0);
  if (sum <= GATHER_LIMIT || ranges.some((r) => r.also)) {
    const found = new Map<string, CustomerDoc>();
    for (const docs of await Promise.all(ranges.map(read))) {
      for (const d of docs) found.set(d.id, d);
    }
    const all = [...found.values()].sort(byName);
    return { customers: all.slice(offset, offset + limit), total: all.length, matchedBy };
  }
  // Broad: the largest range is counted and paged by its index, never read whole; the
  // other ranges are read, without the customers the largest range already has.
  const largest = counts.indexOf(Math.max(...counts));
  const first = ranges[largest]!;
  const firstCount = counts[largest]!;
  const rest = new Map<string, CustomerDoc>();
  for (const docs of await Promise.all(ranges.filter((_, i) => i !== largest).map(read))) {
    for (const d of docs) if (!inRange(d, first)) rest.set(d.id, d);
  }
  const others = [...rest.values()].sort(byName);
  const out: CustomerDoc[] = [];
  if (offset < firstCount) {
    const docs = await customers
      .find({
        selector: selectorOf(first) as never,
        sort: [{ [first.field]: 'asc' } as never],
        skip: offset,
        limit,
      })
      .exec();
    out.push(...docs.map((d) => d.toJSON() as CustomerDoc));
  }
  const fromOthers = Math.max(0, offset - firstCount);
  out.push(...others.slice(fromOthers, fromOthers + (limit - out.length)));
  return { customers: out, total: firstCount + others.length, matchedBy };
}
