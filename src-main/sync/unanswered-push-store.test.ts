import { afterAll, describe, expect, it } from 'vitest';
import { openReplica } from '../replica/open-replica';
import { tempDir } from '../replica/storage/test-helpers';
import type { RxCollection } from 'rxdb';
import { openUnansweredPushStore, type BookEntry } from './unanswered-push-store';
import { pushDigest, UnansweredPushes } from './unanswered-pushes';

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
    const [[, entry]] = (await store.load('interactions')) as [[string, BookEntry]];
    expect(entry.values['description']).toEqual([big(14)]);
    // The newest whole state stays, so the server can still confirm the latest push.
    expect(entry.states.map((s) => s.doc['description'])).toEqual([big(14)]);
    await db.close();
  });

  it('keeps the sent states by digest across a restart, for the server to confirm', async () => {
    const first = await reopen();
    const book = await UnansweredPushes.load('customers', first.store);
    await book.sent([{ assumedMasterState: at('base'), newDocumentState: at('mine-1') }]);
    await first.db.close();

    const second = await reopen();
    const reloaded = await UnansweredPushes.load('customers', second.store);
    const row = reloaded.withSentBefore({ newDocumentState: at('mine-2') });
    expect(row.sentBefore).toEqual([pushDigest(at('mine-1'))]);
    reloaded.answered([row], [at('theirs')], [{ id, digests: [pushDigest(at('mine-1'))] }]);
    expect(reloaded.confirmedBase(id, at('base'))?.['description']).toBe('mine-1');
    await second.db.close();
  });

  it('reads an entry a replica wrote before the states were kept', async () => {
    const { db, store } = await reopen();
    type Raw = {
      sync_unanswered_pushes: RxCollection<{
        id: string;
        sourceCollection: string;
        values: string;
      }>;
    };
    await (db as unknown as Raw).sync_unanswered_pushes.upsert({
      id: `interactions:${id}`,
      sourceCollection: 'interactions',
      values: JSON.stringify({ description: ['old-1'], v: ['a field named v'] }),
    });
    const book = await UnansweredPushes.load('interactions', store);
    expect(book.effectiveBase(id, at('base'), at('old-1')).description).toBe('old-1');
    expect(book.withSentBefore({ newDocumentState: at('x') }).sentBefore).toBeUndefined();
    await db.close();
  });
});
