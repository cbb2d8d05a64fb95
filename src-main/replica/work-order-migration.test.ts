import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { afterEach, describe, expect, it } from 'vitest';
import { workOrderSchema, type WorkOrderDoc } from '../../src-shared/rxdb/work-orders';
import { openReplica, type ReplicaDatabase } from './open-replica';
import { getRxStorageSqlite } from './storage/sqlite-storage';
import { tempDir } from './storage/test-helpers';

/** The work_orders schema as version 0 shipped it: its own, coarser statuses. */
const V0_STATUSES = [
  'new',
  'scheduled',
  'dispatched',
  'in_progress',
  'on_hold',
  'completed',
  'cancelled',
];
const v0Schema = {
  ...workOrderSchema,
  version: 0,
  properties: {
    ...workOrderSchema.properties,
    type: { type: 'string', maxLength: 64 },
    status: { type: 'string', enum: V0_STATUSES, maxLength: 16 },
  },
} as unknown as RxJsonSchema<WorkOrderDoc>;

const v0Order = (id: string, status: string, type = 'repair') => ({
  id,
  number: `WO-${id}`,
  type,
  status,
  priority: 3,
  customerId: 'c1',
  assigneeId: 't1',
  appointmentStart: 0,
  appointmentEnd: 0,
  description: '',
  history: [],
  updatedAt: 1,
  serverSeq: 1,
});

describe('work_orders v0 -> v1 migration', () => {
  let tmp: ReturnType<typeof tempDir> | undefined;
  let db: ReplicaDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    tmp?.cleanup();
  });

  it("maps the old statuses to the server's and keeps every order", async () => {
    tmp = tempDir();
    const old = await createRxDatabase({
      name: 'switchboard',
      storage: getRxStorageSqlite({ directory: tmp.dir }),
      multiInstance: false,
    });
    await old.addCollections({ work_orders: { schema: v0Schema } });
    await old.collections.work_orders!.bulkInsert(
      V0_STATUSES.map((status, i) => v0Order(`w${i}`, status, i === 0 ? 'legacy' : 'repair')),
    );
    await old.close();

    db = await openReplica({ dataDir: tmp.dir, devMode: false });
    const migrated = await db.work_orders.find({ sort: [{ id: 'asc' }] }).exec();
    expect(migrated.every((d) => d.queueId === '' && Object.keys(d.details).length === 0)).toBe(
      true,
    );
    expect(migrated.map((d) => [d.id, d.status, d.type])).toEqual([
      ['w0', 'new', 'service_request'],
      ['w1', 'assigned', 'repair'],
      ['w2', 'en_route', 'repair'],
      ['w3', 'on_site', 'repair'],
      ['w4', 'waiting_parts', 'repair'],
      ['w5', 'resolved', 'repair'],
      ['w6', 'cancelled', 'repair'],
    ]);
  });
});
