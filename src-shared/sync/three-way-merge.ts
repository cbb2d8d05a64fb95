/**
 * Field-level three-way merge of a replicated document, used when a push meets a server
 * document that changed since the client last saw it. The base is the client's
 * assumedMasterState (what it last pulled), "local" its new state, "server" the real master.
 *
 * - A field only one side changed takes that side's value: non-overlapping edits both survive.
 * - A field both sides changed to different values keeps the server's value in the document;
 *   the local value goes into a conflict record the user can see and re-apply.
 * - Append-only fields (notes, history) are merged as a union of entries, never overwritten.
 * - Ranked fields (a work order's status) never move backwards: the higher rank wins, and a
 *   conflict is recorded only when the local value is the one that lost.
 */

/** `at`: an ISO time or epoch milliseconds (the replica's work-order lists); one kind per list. */
export type AppendOnlyEntry = { readonly id: string; readonly at: string | number };

export type MergePolicy = {
  /** Arrays of {id, at, …} entries merged as a union by id, ordered by (at, id). */
  readonly appendOnly: readonly string[];
  /** Fields whose values are ranked; unknown values rank lowest. */
  readonly ranked: Readonly<Record<string, readonly string[]>>;
  /** Fields the server maintains (revisions, sequence numbers): never merged, never conflicts. */
  readonly serverOwned: readonly string[];
};

export type FieldConflict = {
  readonly field: string;
  readonly base: unknown;
  readonly local: unknown;
  readonly server: unknown;
};

export type MergeResult<T> = { readonly merged: T; readonly conflicts: readonly FieldConflict[] };

type Doc = Readonly<Record<string, unknown>>;

export function mergeDocuments<T extends Doc>(
  base: T,
  local: T,
  server: T,
  policy: MergePolicy,
): MergeResult<T> {
  const merged: Record<string, unknown> = { ...server };
  const conflicts: FieldConflict[] = [];
  const fields = new Set([...Object.keys(base), ...Object.keys(local), ...Object.keys(server)]);
  for (const field of fields) {
    if (policy.serverOwned.includes(field)) continue;
    const [b, l, s] = [base[field], local[field], server[field]];
    const localChanged = !deepEqual(b, l);
    const serverChanged = !deepEqual(b, s);
    if (!localChanged) continue;
    if (!serverChanged || deepEqual(l, s)) {
      assign(merged, field, l);
    } else if (policy.appendOnly.includes(field)) {
      assign(merged, field, unionEntries(s, l));
    } else if (policy.ranked[field]) {
      const ranks = policy.ranked[field];
      const localWins = ranks.indexOf(l as string) > ranks.indexOf(s as string);
      if (localWins) assign(merged, field, l);
      else conflicts.push({ field, base: b, local: l, server: s });
    } else {
      conflicts.push({ field, base: b, local: l, server: s });
    }
  }
  return { merged: merged as T, conflicts };
}

function assign(target: Record<string, unknown>, field: string, value: unknown): void {
  if (value === undefined) delete target[field];
  else target[field] = value;
}

/** Union of two entry lists by id; an id present on both sides keeps the server's entry. */
export function unionEntries(server: unknown, local: unknown): AppendOnlyEntry[] {
  const byId = new Map<string, AppendOnlyEntry>();
  for (const entry of asEntries(local)) byId.set(entry.id, entry);
  for (const entry of asEntries(server)) byId.set(entry.id, entry);
  return [...byId.values()].sort((a, b) =>
    a.at === b.at ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.at < b.at ? -1 : 1,
  );
}

function asEntries(value: unknown): AppendOnlyEntry[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is AppendOnlyEntry =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as AppendOnlyEntry).id === 'string' &&
      ['string', 'number'].includes(typeof (entry as AppendOnlyEntry).at),
  );
}

/** Structural equality of JSON values (documents are JSON: no dates, maps or cycles). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  }
  const aKeys = Object.keys(a).filter((key) => (a as Doc)[key] !== undefined);
  const bKeys = Object.keys(b).filter((key) => (b as Doc)[key] !== undefined);
  return (
    aKeys.length === bKeys.length &&
    aKeys.every((key) => deepEqual((a as Doc)[key], (b as Doc)[key]))
  );
}
