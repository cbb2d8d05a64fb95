import { pinyinInitials } from '../../src-shared/domain/pinyin';
import type { ReferenceDoc } from '../../src-shared/rxdb/reference';
import { typedReference, type TypedReferenceDoc } from '../../src-shared/rxdb/reference-data';

/** The kinds an agent looks up during a call, in the order the lookup shows them. */
export const LOOKUP_KINDS = ['product', 'fee', 'policy', 'department'] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];
export type LookupEntry = TypedReferenceDoc<LookupKind>;

export interface SearchableEntry {
  entry: LookupEntry;
  /** Lower-case text the query is matched against: both names, key, code, pinyin initials. */
  haystack: string;
}

const normalize = (text: string) => text.normalize('NFKC').toLowerCase();

/** Checked, active entries of the lookup kinds with their search text (built once per change). */
export function searchableEntries(docs: readonly ReferenceDoc[]): SearchableEntry[] {
  return docs.flatMap((doc) => {
    if (!doc.active || !(LOOKUP_KINDS as readonly string[]).includes(doc.kind)) return [];
    const entry = typedReference(doc) as LookupEntry | null;
    if (!entry) return [];
    const code = entry.kind === 'product' ? entry.data.code : '';
    const haystack = normalize(
      [entry.label.en, entry.label.zhCN, entry.key, code, pinyinInitials(entry.label.zhCN)].join(
        '\n',
      ),
    );
    return [{ entry, haystack }];
  });
}

/**
 * The entries matching every word of the query (any order, any of the two languages),
 * grouped by kind in LOOKUP_KINDS order and sorted by the catalogue's sort order.
 */
export function searchReference(
  entries: readonly SearchableEntry[],
  query: string,
): { kind: LookupKind; entries: LookupEntry[] }[] {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  const matches = entries
    .filter(({ haystack }) => words.every((word) => haystack.includes(word)))
    .map(({ entry }) => entry);
  return LOOKUP_KINDS.map((kind) => ({
    kind,
    entries: matches
      .filter((entry) => entry.kind === kind)
      .sort((a, b) => a.sortOrder - b.sortOrder || a.key.localeCompare(b.key)),
  })).filter((group) => group.entries.length > 0);
}
