import { describe, expect, it } from 'vitest';
import { mergeReplicaDocument } from './replica-merge';

const entry = (at: number, note: string) => ({ at, by: 'u1', action: 'note', note });

describe('mergeReplicaDocument', () => {
  it('keeps both sides’ history entries, server first, without duplicates', () => {
    const base = { id: 'w', status: 'on_site', history: [entry(1, 'a')] };
    const local = { ...base, history: [entry(1, 'a'), entry(3, 'local')] };
    const server = {
      ...base,
      status: 'waiting_parts',
      history: [entry(1, 'a'), entry(2, 'server')],
    };
    const { merged, conflicts } = mergeReplicaDocument(base, local, server);
    expect(merged).toEqual({
      id: 'w',
      status: 'waiting_parts',
      history: [entry(1, 'a'), entry(2, 'server'), entry(3, 'local')],
    });
    expect(conflicts).toEqual([]);
  });

  it('does not repeat a local entry the server already has (a retried push)', () => {
    const base = { id: 'w', history: [entry(1, 'a')] };
    const local = { ...base, history: [entry(1, 'a'), entry(2, 'mine')] };
    const server = { ...base, history: [entry(1, 'a'), entry(2, 'mine')], description: 'x' };
    expect(mergeReplicaDocument(base, local, server).merged.history).toEqual(local.history);
  });

  it('keeps the server value of a field both changed and reports it, but not derived keys', () => {
    const base = { id: 'c', name: 'A', nameKey: 'a', tags: [] as string[] };
    const local = { ...base, name: 'L', nameKey: 'l', tags: ['t'] };
    const server = { ...base, name: 'S', nameKey: 's' };
    const { merged, conflicts } = mergeReplicaDocument(base, local, server);
    expect(merged).toEqual({ id: 'c', name: 'S', nameKey: 's', tags: ['t'] });
    expect(conflicts).toEqual([{ field: 'name', base: 'A', local: 'L', server: 'S' }]);
  });

  it('never moves a work order status backwards: the later status wins either way', () => {
    const base = { id: 'w', status: 'en_route' };
    const resolvedHere = mergeReplicaDocument(
      base,
      { ...base, status: 'resolved' },
      { ...base, status: 'on_site' },
    );
    expect(resolvedHere.merged.status).toBe('resolved');
    expect(resolvedHere.conflicts).toEqual([]);
    const resolvedThere = mergeReplicaDocument(
      base,
      { ...base, status: 'on_site' },
      { ...base, status: 'resolved' },
    );
    expect(resolvedThere.merged.status).toBe('resolved');
    expect(resolvedThere.conflicts).toEqual([
      { field: 'status', base: 'en_route', local: 'on_site', server: 'resolved' },
    ]);
  });

  it("unites both sides' parts, time entries and attachments: nothing recorded offline is lost", () => {
    const part = (id: string, at: number) => ({ id, at, by: 't', part: 'fuse', quantity: 1 });
    const stub = (digest: string) => ({ digest, length: 3, type: 'image/png' });
    const base: Record<string, unknown> = {
      id: 'w',
      partsUsed: [part('a', 1)],
      timeSpent: [],
      _attachments: {},
    };
    const local = {
      ...base,
      partsUsed: [part('a', 1), part('l', 3)],
      timeSpent: [{ id: 't1', at: 4, by: 't', minutes: 30 }],
      _attachments: { 'photo-l': stub('dl') },
    };
    const server = {
      ...base,
      partsUsed: [part('a', 1), part('s', 2)],
      _attachments: { 'signature-s': stub('ds') },
    };
    const { merged, conflicts } = mergeReplicaDocument(base, local, server);
    expect(merged).toEqual({
      id: 'w',
      partsUsed: [part('a', 1), part('s', 2), part('l', 3)],
      timeSpent: local.timeSpent,
      _attachments: { 'photo-l': stub('dl'), 'signature-s': stub('ds') },
    });
    expect(conflicts).toEqual([]);
  });
});
