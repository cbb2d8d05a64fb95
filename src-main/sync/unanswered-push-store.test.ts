import { afterAll, describe, expect, it } from 'vitest';
import { openReplica } from '../replica/open-replica';
import { tempDir } from '../replica/storage/test-helpers';
import { openUnansweredPushStore } from './unanswered-push-store';
import { UnansweredPushes } from './unanswered-pushes';

const id = '0b0a3f3e-8f55-4f43-9a39-6c2b9a0f0101';
const at = (description: string) => ({
  id,
  _deleted: false,
  description,
  history: [{ note: 'never kept' }],
  serverSeq: 3,
});

describe('the book of unanswered pushes in the replica', () => {
  const folder = tempDir('sb-unanswered-');
  afterAll(() => folder.cleanup());

  const reopen = async () => {
    const db = await openReplica({ dataDir: folder.dir, devMode: false });
    return { db, store: await openUnansweredPushStore(db) };
  };

  it('outlives the process: a reopened replica knows what was sent without an answer', async () => {
    const first = await reopen();
    const book = await UnansweredPushes.load('work_orders', first.store);
    await book.sent([{ assumedMasterState: at('base'), newDocumentState: at('mine-1') }]);
    await first.db.close();

    const second = await reopen();
    const reloaded = await UnansweredPushes.load('work_orders', second.store);
    const base = at('base');
    expect(reloaded.effectiveBase(id, base, at('mine-1')).description).toBe('mine-1');
    // Another collection's book is its own.
    const other = await UnansweredPushes.load('customers', second.store);
    expect(other.effectiveBase(id, base, at('mine-1')).description).toBe('base');
    // What the merge never reads is not stored.
    expect(JSON.stringify(await second.store.load('work_orders'))).not.toContain('never kept');

    // Answered, but not yet settled: a kill now (before RxDB recorded the new assumed master)
    // must still find the entry after the restart.
    reloaded.answered([{ newDocumentState: at('mine-1') }]);
    await second.db.close();
    const third = await reopen();
    const again = await UnansweredPushes.load('work_orders', third.store);
    expect(again.effectiveBase(id, base, at('mine-1')).description).toBe('mine-1');
    again.answered([{ newDocumentState: at('mine-1') }]);
    await again.settle();
    await third.db.close();
    const fourth = await reopen();
    expect(await fourth.store.load('work_orders')).toEqual([]);
    await fourth.db.close();
  });

  it('keeps only the newest value of each field when the entry would be too large', async () => {
    const { db, store } = await reopen();
    const book = await UnansweredPushes.load('interactions', store);
    const big = (n: number) => `${n}`.padEnd(40_000, 'x');
    for (let n = 0; n < 15; n++) {
      await book.sent([{ newDocumentState: { ...at(big(n)), history: [] } }]);
    }
    const [[, values]] = (await store.load('interactions')) as [
      [string, Record<string, unknown[]>],
    ];
    expect(values['description']).toEqual([big(14)]);
    await db.close();
  });
});
