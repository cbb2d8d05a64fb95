import type { RxStorageChangeEvent } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { announcedParts } from './load-protocol';

const event = (n: number): RxStorageChangeEvent<unknown> => ({
  documentId: `doc-${n}`,
  operation: 'INSERT',
  documentData: { id: `doc-${n}`, _meta: { lwt: 1000 + n } } as never,
  previousDocumentData: undefined,
});

const bulk = (count: number) => ({
  id: 'bulk',
  context: 'replication-downstream-x',
  checkpoint: { id: `doc-${count - 1}`, lwt: 1000 + count - 1 },
  startTime: 1,
  endTime: 2,
  events: Array.from({ length: count }, (_, n) => event(n)),
});

describe('announcedParts', () => {
  it('leaves a bulk within the size as it is', () => {
    const small = bulk(3);
    expect(announcedParts(small, 3)).toEqual([small]);
  });

  it('cuts a larger bulk into parts, in order, each with its own last checkpoint', () => {
    const parts = announcedParts(bulk(7), 3);
    expect(parts.map((p) => p.events.map((e) => e.documentId))).toEqual([
      ['doc-0', 'doc-1', 'doc-2'],
      ['doc-3', 'doc-4', 'doc-5'],
      ['doc-6'],
    ]);
    expect(parts.map((p) => p.checkpoint)).toEqual([
      { id: 'doc-2', lwt: 1002 },
      { id: 'doc-5', lwt: 1005 },
      { id: 'doc-6', lwt: 1006 },
    ]);
    expect(new Set(parts.map((p) => p.id)).size).toBe(3);
    expect(parts.every((p) => p.context === 'replication-downstream-x')).toBe(true);
  });
});
