/** A run of extended usages (page << 16 | id), min === max for a single Usage item. */
export interface UsageRange {
  min: number;
  max: number;
}

/**
 * A Usage or Usage Min/Max as declared: 16-bit ids plus the page in force at that moment, or
 * the page carried in a 4-byte (extended) usage.
 */
export interface LocalUsage {
  min: number;
  max: number;
  /** Declared with 4 data bytes: the page is part of the value and never rebound. */
  extended: boolean;
  page: number;
}

/**
 * Binds local usages to pages at a main item. HID 1.11 §6.2.2.8 says the page in force at the
 * main item applies, yet real descriptors mix pages in one list (`09 07 05 09 09 01`). Linux
 * hid-core resolves this by re-binding, from the last usage backwards, only the usages declared
 * on another page until one already on the last page is met; we do the same so our reading of a
 * descriptor matches the kernel's.
 */
export function collectUsages(locals: readonly LocalUsage[], lastPage: number): UsageRange[] {
  const pages = locals.map((u) => u.page);
  for (let i = locals.length - 1; i >= 0; i--) {
    const local = locals[i] as LocalUsage;
    if (local.extended) continue;
    if (local.page === lastPage) break;
    pages[i] = lastPage;
  }
  return locals.map((u, i) => {
    const base = (pages[i] as number) * 0x10000;
    return { min: base + u.min, max: base + u.max };
  });
}

export function usageCount(usages: readonly UsageRange[]): number {
  return usages.reduce((n, r) => n + (r.max - r.min + 1), 0);
}

/** The index-th usage of the flattened list, or undefined past the end. */
export function usageAt(usages: readonly UsageRange[], index: number): number | undefined {
  let rest = index;
  for (const r of usages) {
    const span = r.max - r.min + 1;
    if (rest < span) return r.min + rest;
    rest -= span;
  }
  return undefined;
}

/**
 * Usage of element `index` of a Variable item: elements past the last usage take the last usage
 * (HID 1.11 §6.2.2.8), which is how `09 xx 95 04` describes four identical controls.
 */
export function variableUsageAt(usages: readonly UsageRange[], index: number): number | undefined {
  const count = usageCount(usages);
  if (count === 0) return undefined;
  return usageAt(usages, Math.min(index, count - 1));
}
