import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepEqual, mergeDocuments, type MergePolicy } from './three-way-merge';

const STATUSES = ['new', 'assigned', 'accepted', 'en_route', 'on_site', 'resolved', 'closed'];
const policy: MergePolicy = {
  appendOnly: ['notes'],
  ranked: { status: STATUSES },
  serverOwned: ['_rev', 'serverSeq'],
};

const base = {
  id: 'wo-1',
  status: 'assigned',
  description: 'Boiler leaks',
  priority: 'normal',
  notes: [{ id: 'n1', at: '2026-11-01T08:00:00Z', text: 'created' }],
  _rev: '1-a',
  serverSeq: 10,
};

describe('mergeDocuments', () => {
  it('keeps non-overlapping edits from both sides', () => {
    const local = { ...base, description: 'Boiler leaks under the sink' };
    const server = { ...base, priority: 'high', _rev: '2-b', serverSeq: 11 };
    const { merged, conflicts } = mergeDocuments(base, local, server, policy);
    expect(merged).toMatchObject({ description: 'Boiler leaks under the sink', priority: 'high' });
    expect(merged._rev).toBe('2-b');
    expect(conflicts).toEqual([]);
  });

  it('keeps the server value on the same field and records the local one', () => {
    const local = { ...base, priority: 'urgent' };
    const server = { ...base, priority: 'low' };
    const { merged, conflicts } = mergeDocuments(base, local, server, policy);
    expect(merged.priority).toBe('low');
    expect(conflicts).toEqual([
      { field: 'priority', base: 'normal', local: 'urgent', server: 'low' },
    ]);
  });

  it('merges append-only notes from both sides, ordered by time', () => {
    const local = {
      ...base,
      notes: [...base.notes, { id: 'n3', at: '2026-11-01T10:00:00Z', text: 'on site' }],
    };
    const server = {
      ...base,
      notes: [...base.notes, { id: 'n2', at: '2026-11-01T09:00:00Z', text: 'called customer' }],
    };
    const { merged, conflicts } = mergeDocuments(base, local, server, policy);
    expect(merged.notes.map((note) => note.id)).toEqual(['n1', 'n2', 'n3']);
    expect(conflicts).toEqual([]);
  });

  it('never moves a status backwards', () => {
    const ahead = mergeDocuments(
      base,
      { ...base, status: 'on_site' },
      { ...base, status: 'accepted' },
      policy,
    );
    expect(ahead.merged.status).toBe('on_site');
    expect(ahead.conflicts).toEqual([]);
    const behind = mergeDocuments(
      base,
      { ...base, status: 'accepted' },
      { ...base, status: 'resolved' },
      policy,
    );
    expect(behind.merged.status).toBe('resolved');
    expect(behind.conflicts).toEqual([
      { field: 'status', base: 'assigned', local: 'accepted', server: 'resolved' },
    ]);
  });

  const value = fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 2 }));
  const doc = fc.record({ x: value, y: value, z: value });

  it('property: no local edit is ever dropped silently', () => {
    fc.assert(
      fc.property(doc, doc, doc, (b, l, s) => {
        const { merged, conflicts } = mergeDocuments(b, l, s, policy);
        for (const field of ['x', 'y', 'z'] as const) {
          const localChanged = !deepEqual(b[field], l[field]);
          if (!localChanged) continue;
          const kept = deepEqual(merged[field], l[field]);
          const recorded = conflicts.some((c) => c.field === field && deepEqual(c.local, l[field]));
          expect(kept || recorded).toBe(true);
        }
      }),
    );
  });

  it('property: a conflict exists exactly where both sides changed a field differently', () => {
    fc.assert(
      fc.property(doc, doc, doc, (b, l, s) => {
        const { conflicts } = mergeDocuments(b, l, s, policy);
        const expected = (['x', 'y', 'z'] as const).filter(
          (f) => !deepEqual(b[f], l[f]) && !deepEqual(b[f], s[f]) && !deepEqual(l[f], s[f]),
        );
        expect(conflicts.map((c) => c.field).sort()).toEqual([...expected].sort());
      }),
    );
  });

  it('property: merging with an unchanged side yields the other side', () => {
    fc.assert(
      fc.property(doc, doc, (b, other) => {
        expect(mergeDocuments(b, b, other, policy).merged).toEqual(other);
        expect(mergeDocuments(b, other, b, policy).merged).toEqual(other);
      }),
    );
  });
});
