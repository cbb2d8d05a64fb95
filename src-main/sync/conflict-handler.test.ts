import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RxCollection } from 'rxdb';
import { CONFLICTS_COLLECTION, type ConflictDoc } from '../../src-shared/rxdb/conflicts';
import { openReplica, type ReplicaDatabase } from '../replica/open-replica';
import { tempDir } from '../replica/storage/test-helpers';
import { createConflictHandler } from './conflict-handler';
import { pushDigest, UnansweredPushes } from './unanswered-pushes';

describe('the conflict handler on a real replica', () => {
  const folder = tempDir('sb-conflict-handler-');
  let db: ReplicaDatabase;
  let conflicts: RxCollection<ConflictDoc>;

  beforeAll(async () => {
    db = await openReplica({ dataDir: folder.dir, devMode: false });
    await db.addCollections(CONFLICTS_COLLECTION);
    conflicts = (db as unknown as { conflicts: RxCollection<ConflictDoc> }).conflicts;
  });
  afterAll(async () => {
    await db?.close();
    folder.cleanup();
  });

  const id = '0b0a3f3e-8f55-4f43-9a39-6c2b9a0f0001';
  const input = (local: string) => ({
    assumedMasterState: { id, _deleted: false, note: 'base', serverSeq: 4 },
    newDocumentState: { id, _deleted: false, note: local, serverSeq: 4 },
    realMasterState: { id, _deleted: false, note: 'server', serverSeq: 5 },
  });

  it('keeps the server value and records the local one', async () => {
    const handler = createConflictHandler('interactions', conflicts, new Map());
    const merged = await handler.resolve(input('local'), 'test');
    expect(merged).toMatchObject({ note: 'server' });
    const record = await conflicts.findOne(`interactions:${id}:note:5`).exec();
    expect(record?.toJSON()).toMatchObject({ local: '"local"', server: '"server"' });
  });

  it('refuses to resolve when the conflict record cannot be written, instead of dropping the edit', async () => {
    // A value beyond the conflict record's bound: the replica's validator refuses the record.
    // bulkUpsert reports that as an error entry, not a throw; resolving anyway put the server
    // value over the local edit with no record left of it.
    const handler = createConflictHandler('interactions', conflicts, new Map());
    const huge = 'x'.repeat(100_001);
    await expect(handler.resolve(input(huge), 'test')).rejects.toThrow(
      /conflict record for interactions .* not written/,
    );
  });

  it('keeps the newer local edit when the master holds this client’s own unanswered push', async () => {
    // Push 1 (note 'mine-1') was applied but its answer lost; the user edited again; the
    // retry (note 'mine-2', assumed master still 'base') meets 'mine-1' as the master.
    const other = '0b0a3f3e-8f55-4f43-9a39-6c2b9a0f0002';
    const unanswered = new UnansweredPushes('interactions');
    const at = (note: string, serverSeq: number) => ({
      id: other,
      _deleted: false,
      note,
      serverSeq,
    });
    await unanswered.sent([
      { assumedMasterState: at('base', 4), newDocumentState: at('mine-1', 4) },
    ]);
    await unanswered.sent([
      { assumedMasterState: at('base', 4), newDocumentState: at('mine-2', 4) },
    ]);
    const handler = createConflictHandler('interactions', conflicts, new Map(), 'id', unanswered);
    const retry = {
      assumedMasterState: at('base', 4),
      newDocumentState: at('mine-2', 4),
      realMasterState: at('mine-1', 6),
    };
    expect(await handler.resolve(retry, 'test')).toMatchObject({ note: 'mine-2' });
    expect(await conflicts.find({ selector: { docId: other } }).exec()).toEqual([]);
    // Control: without the book the merge takes 'mine-1' for another side's change.
    const plain = createConflictHandler('interactions', conflicts, new Map());
    expect(await plain.resolve(retry, 'test')).toMatchObject({ note: 'mine-1' });
    expect(await conflicts.find({ selector: { docId: other } }).exec()).toHaveLength(1);
  });

  describe('when the server says which unanswered push it applied (decision 0023)', () => {
    let n = 10;
    const setup = async () => {
      const doc = `0b0a3f3e-8f55-4f43-9a39-6c2b9a0f00${n++}`;
      const at = (fields: Record<string, unknown>, serverSeq: number) => ({
        id: doc,
        _deleted: false,
        note: 'base',
        subject: 'base',
        serverSeq,
        ...fields,
      });
      const unanswered = new UnansweredPushes('interactions');
      const first = { assumedMasterState: at({}, 4), newDocumentState: at({ note: 'mine-1' }, 4) };
      await unanswered.sent([first]);
      const handler = createConflictHandler('interactions', conflicts, new Map(), 'id', unanswered);
      const recorded = () => conflicts.find({ selector: { docId: doc } }).exec();
      /** The retry of `local` meets `server`; `applied` is what the server confirmed. */
      const retry = (
        local: Record<string, unknown>,
        server: Record<string, unknown>,
        applied: string[],
      ) => {
        const row = { assumedMasterState: at({}, 4), newDocumentState: at(local, 4) };
        unanswered.answered(
          [row],
          [at(server, 7)],
          applied.length ? [{ id: doc, digests: applied }] : [],
        );
        return handler.resolve({ ...row, realMasterState: at(server, 7) }, 'test');
      };
      const sent = (state: ReturnType<typeof at>) =>
        unanswered.sent([{ assumedMasterState: at({}, 4), newDocumentState: state }]);
      return { at, retry, recorded, sent, mine1: pushDigest(first.newDocumentState) };
    };

    it('records nothing when the other side overwrote the applied value knowingly', async () => {
      const { retry, recorded, mine1 } = await setup();
      expect(await retry({ note: 'mine-1' }, { note: 'theirs' }, [mine1])).toMatchObject({
        note: 'theirs',
      });
      expect(await recorded()).toEqual([]);
    });

    it('keeps a later local edit of another field, and the overwrite', async () => {
      const { retry, recorded, mine1 } = await setup();
      const merged = await retry({ note: 'mine-1', subject: 'mine-later' }, { note: 'theirs' }, [
        mine1,
      ]);
      expect(merged).toMatchObject({ note: 'theirs', subject: 'mine-later' });
      expect(await recorded()).toEqual([]);
    });

    it('records a later local edit of the field the other side overwrote: that was concurrent', async () => {
      const { retry, recorded, mine1 } = await setup();
      expect(await retry({ note: 'mine-2' }, { note: 'theirs' }, [mine1])).toMatchObject({
        note: 'theirs',
      });
      expect((await recorded()).map((r) => [r.field, r.local, r.server])).toEqual([
        ['note', '"mine-2"', '"theirs"'],
      ]);
    });

    it('records the value when the server did not apply the push (it never arrived)', async () => {
      const { retry, recorded } = await setup();
      expect(await retry({ note: 'mine-1' }, { note: 'theirs' }, [])).toMatchObject({
        note: 'theirs',
      });
      expect((await recorded()).map((r) => r.local)).toEqual(['"mine-1"']);
    });

    it('ignores a confirmed digest the book does not hold', async () => {
      const { at, retry, recorded } = await setup();
      const forged = pushDigest(at({ note: 'never sent' }, 4));
      await retry({ note: 'mine-1' }, { note: 'theirs' }, [forged, 'f'.repeat(64)]);
      expect((await recorded()).map((r) => r.local)).toEqual(['"mine-1"']);
    });

    it('takes the newest applied state as the base', async () => {
      const { at, retry, recorded, mine1, sent } = await setup();
      const second = at({ note: 'mine-2' }, 4);
      await sent(second);
      // Both applied (oldest first); 'theirs' was written over 'mine-2', so nothing was lost.
      expect(
        await retry({ note: 'mine-2' }, { note: 'theirs' }, [mine1, pushDigest(second)]),
      ).toMatchObject({ note: 'theirs' });
      expect(await recorded()).toEqual([]);
    });
  });
});
