import { checkSchema } from 'rxdb/plugins/dev-mode';
import { afterEach, describe, expect, it } from 'vitest';
import { REPLICA_COLLECTIONS } from '../../src-shared/rxdb/collections';
import { isHistoryAppendOnly, type WorkOrderDoc } from '../../src-shared/rxdb/work-orders';
import { openReplica, type ReplicaDatabase } from './open-replica';
import { tempDir } from './storage/test-helpers';

describe('replica schemas', () => {
  it.each(Object.entries(REPLICA_COLLECTIONS))(
    '%s passes RxDB dev-mode schema checks',
    (_name, spec) => {
      expect(() => checkSchema(spec.schema as never)).not.toThrow();
    },
  );

  it.each(Object.entries(REPLICA_COLLECTIONS))(
    '%s has a migration strategy for every version',
    (_name, spec) => {
      const expected = Array.from({ length: spec.schema.version }, (_, i) => String(i + 1));
      expect(Object.keys(spec.migrationStrategies).sort()).toEqual(expected.sort());
    },
  );

  it('keeps the collection count well under RxDB core limit of 13', () => {
    expect(Object.keys(REPLICA_COLLECTIONS).length).toBeLessThanOrEqual(6);
  });

  it('every replicated collection carries updatedAt and serverSeq for sync', () => {
    for (const spec of Object.values(REPLICA_COLLECTIONS)) {
      expect(spec.schema.required).toEqual(expect.arrayContaining(['updatedAt', 'serverSeq']));
    }
  });
});

describe('work order history', () => {
  const entry = (n: number) => ({ at: n, by: 'u1', action: 'note' as const, note: `n${n}` });
  it('accepts appends and refuses edits or removals', () => {
    expect(isHistoryAppendOnly([entry(1)], [entry(1), entry(2)])).toBe(true);
    expect(isHistoryAppendOnly([entry(1), entry(2)], [entry(1)])).toBe(false);
    expect(isHistoryAppendOnly([entry(1)], [{ ...entry(1), note: 'changed' }])).toBe(false);
  });

  let tmp: ReturnType<typeof tempDir> | undefined;
  let db: ReplicaDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    tmp?.cleanup();
  });

  it('the replica refuses a local save that rewrites history', async () => {
    tmp = tempDir();
    db = await openReplica({ dataDir: tmp.dir, devMode: false });
    const wo: WorkOrderDoc = {
      id: 'w1',
      number: 'WO-1',
      type: 'repair',
      status: 'new',
      priority: 3,
      customerId: 'c1',
      assigneeId: '',
      queueId: '',
      details: {},
      appointmentStart: 0,
      appointmentEnd: 0,
      description: '',
      history: [entry(1)],
      updatedAt: 1,
      serverSeq: 0,
    };
    const doc = await db.work_orders.insert(wo);
    const appended = await doc.incrementalPatch({ history: [entry(1), entry(2)] });
    expect(appended.history).toHaveLength(2);
    await expect(appended.incrementalPatch({ history: [entry(2)] })).rejects.toThrow(/append-only/);
    expect((await db.work_orders.findOne('w1').exec())?.history).toHaveLength(2);
  });
});
