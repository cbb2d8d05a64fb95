import { afterEach, describe, expect, it } from 'vitest';
import type { RxStorageInstance } from 'rxdb';
import {
  createInstance,
  itemSchema,
  newDoc,
  tempDir,
  testStorage,
  type Item,
} from './storage/test-helpers';
import { yieldingWrites } from './yielding-writes';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const item = (i: number): Item => ({
  id: `i${String(i).padStart(4, '0')}`,
  name: `n${i}`,
  age: i % 100,
  active: i % 2 === 0,
  group: 'g',
  nested: { score: 1 },
  tags: [],
});

async function instance(slice: number): Promise<RxStorageInstance<Item, unknown, unknown>> {
  const { dir, cleanup } = tempDir('sb-yielding-');
  cleanups.push(cleanup);
  const storage = yieldingWrites(testStorage(dir), slice);
  const created = await createInstance<Item>(storage, itemSchema());
  cleanups.push(() => created.close());
  return created;
}

describe('yieldingWrites', () => {
  it('lets the event loop run between the slices of a large bulkWrite', async () => {
    const store = await instance(10);
    const turns: number[] = [];
    let written = 0;
    const sub = store.changeStream().subscribe((bulk) => {
      written += bulk.events.length;
      turns.push(written);
    });
    cleanups.push(() => sub.unsubscribe());
    // A timer due at once fires between slices, not after the whole write.
    let firedAfter = -1;
    setImmediate(() => (firedAfter = written));
    const result = await store.bulkWrite(
      Array.from({ length: 95 }, (_, i) => ({ document: newDoc(item(i)) })),
      'test',
    );
    expect(result.error).toEqual([]);
    expect(turns).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 95]);
    expect(firedAfter).toBeGreaterThan(0);
    expect(firedAfter).toBeLessThan(95);
    const all = await store.query({
      query: { selector: {}, sort: [{ id: 'asc' }], skip: 0 },
      queryPlan: {
        index: ['_deleted', 'id'],
        startKeys: [],
        endKeys: [],
        inclusiveStart: true,
        inclusiveEnd: true,
        sortSatisfiedByIndex: true,
        selectorSatisfiedByIndex: true,
      },
    } as never);
    expect(all.documents).toHaveLength(95);
  });

  it('reports every row that fails, whichever slice it was in, and keeps writes in order', async () => {
    const store = await instance(10);
    const first = Array.from({ length: 30 }, (_, i) => ({ document: newDoc(item(i)) }));
    // A second write of the same ids without their previous state conflicts row by row; it
    // must not overtake the first one half-way (then the first would conflict instead).
    const [a, b] = await Promise.all([
      store.bulkWrite(first, 'first'),
      store.bulkWrite(
        [5, 15, 25].map((i) => ({ document: newDoc({ ...item(i), name: 'late' }) })),
        'second',
      ),
    ]);
    expect(a.error).toEqual([]);
    expect(b.error.map((e) => [e.documentId, e.status])).toEqual([
      ['i0005', 409],
      ['i0015', 409],
      ['i0025', 409],
    ]);
  });
});
