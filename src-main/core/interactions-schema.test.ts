import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  interactionSchema,
  interactionV0toV1,
  type InteractionDoc,
} from '../../src-shared/rxdb/interactions';
import { openReplica, type ReplicaDatabase } from '../replica/open-replica';
import { getRxStorageSqlite } from '../replica/storage/sqlite-storage';
import { tempDir } from '../replica/storage/test-helpers';

type V0 = Omit<InteractionDoc, 'talkMs' | 'holdMs' | 'endReason' | 'abandoned'>;
const NEW_FIELDS = ['talkMs', 'holdMs', 'endReason', 'abandoned'];

/** The interactions schema as version 0 shipped it. */
const v0Schema = {
  ...interactionSchema,
  version: 0,
  properties: Object.fromEntries(
    Object.entries(interactionSchema.properties).filter(([key]) => !NEW_FIELDS.includes(key)),
  ),
  required: interactionSchema.required.filter((key) => !NEW_FIELDS.includes(key)),
} as unknown as RxJsonSchema<V0>;

const v0 = (id: string, patch: Partial<V0>): V0 => ({
  id,
  channel: 'voice',
  direction: 'inbound',
  startedAt: 1_700_000_000_000,
  answeredAt: 1_700_000_005_000,
  endedAt: 1_700_000_065_000,
  agentId: 'u1',
  queueId: '',
  callId: `c-${id}`,
  customerId: '',
  remoteNumber: '+8613800138000',
  disposition: '',
  notes: '',
  workOrderIds: [],
  updatedAt: 1_700_000_065_000,
  serverSeq: 3,
  ...patch,
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('interactions schema v1', () => {
  it('derives talk time and abandoned from what a v0 document knows', () => {
    expect(interactionV0toV1(v0('a', {}))).toMatchObject({
      talkMs: 60_000,
      holdMs: 0,
      endReason: '',
      abandoned: false,
    });
    expect(interactionV0toV1(v0('b', { answeredAt: 0 }))).toMatchObject({
      talkMs: 0,
      abandoned: true,
    });
    // Still ringing (not ended), outbound, or not a call: never abandoned.
    expect(interactionV0toV1(v0('c', { answeredAt: 0, endedAt: 0 })).abandoned).toBe(false);
    expect(interactionV0toV1(v0('d', { answeredAt: 0, direction: 'outbound' })).abandoned).toBe(
      false,
    );
    expect(interactionV0toV1(v0('e', { channel: 'email', answeredAt: 0 }))).toMatchObject({
      talkMs: 0,
      abandoned: false,
    });
  });

  it('migrates the documents of a v0 replica when it is opened', async () => {
    const { dir, cleanup } = tempDir('sb-interactions-v0-');
    cleanups.push(cleanup);
    const old = await createRxDatabase({
      name: 'switchboard',
      storage: getRxStorageSqlite({ directory: dir }),
      multiInstance: false,
    });
    const { interactions } = await old.addCollections({ interactions: { schema: v0Schema } });
    await interactions!.bulkInsert([v0('answered', {}), v0('missed', { answeredAt: 0 })]);
    await old.close();

    const replica: ReplicaDatabase = await openReplica({ dataDir: dir });
    cleanups.push(() => replica.close().then(() => undefined));
    const docs = (await replica.interactions.find({ sort: [{ id: 'asc' }] }).exec()).map((d) =>
      d.toJSON(),
    );
    expect(docs).toEqual([
      expect.objectContaining({ id: 'answered', talkMs: 60_000, holdMs: 0, abandoned: false }),
      expect.objectContaining({ id: 'missed', talkMs: 0, endReason: '', abandoned: true }),
    ]);
    // v1 refuses a document without the new fields.
    await expect(replica.interactions.insert(v0('late', {}) as InteractionDoc)).rejects.toThrow();
  });
});
