import assert from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { addRxPlugin, type RxCollection } from 'rxdb';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import {
  humansCollection,
  runReplicationBaseTestSuite,
  schemaObjects,
  setConfig,
} from 'rxdb/plugins/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictDoc } from '../../../src-shared/rxdb/conflicts';
import type { PullResponse, SyncCheckpoint, WireDocument } from '../../../src-shared/sync/protocol';
import { getRxStorageSqlite } from '../../../src-main/replica/storage/sqlite-storage';
import { login, useTestServer } from '../../../src-server/test-support/test-server';
import { customerToHuman, replicateHumans, type Human } from './support/humans-over-customers';

/**
 * RxDB's own replication base test suite (rxdb/plugins/test-utils, rxdb 17.6.0) against the
 * real central server on real PostgreSQL (a fresh database for this file), with the client's
 * real parts: our SQLite RxStorage, createSyncApi, pushWithRefusals, the live stream and the
 * replica's conflict handler. See support/humans-over-customers.ts for how the suite's
 * "human" documents travel as customers. The suite's attachment tests are not configured
 * (no syncOnceWithAttachments): neither the replica nor the server replicates attachments.
 * Decision note 0012.
 */

// The suite is written for mocha's globals, and its collections need dev-mode (ignoreDuplicate).
Object.assign(globalThis, { describe, it });
addRxPlugin(RxDBDevModePlugin);

const dir = mkdtempSync(join(tmpdir(), 'sb-rxdb-suite-'));
const storage = () =>
  wrappedValidateAjvStorage({ storage: getRxStorageSqlite({ directory: dir }) });
setConfig({
  storage: {
    name: 'switchboard-sqlite',
    getStorage: storage,
    getPerformanceStorage: () => ({ storage: storage(), description: 'switchboard-sqlite' }),
    hasPersistence: true,
    hasMultiInstance: false,
    hasAttachments: false,
    hasReplication: true,
  },
});

const server = useTestServer({
  demoSize: 0,
  loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
});
let serverUrl = '';
let token = '';
let tenantId = '';
const getAccessToken = async () => token;

beforeAll(async () => {
  serverUrl = await server().app.listen({ host: '127.0.0.1', port: 0 });
  const pair = await login(server(), 'agent');
  token = pair.accessToken;
  tenantId = pair.user.tenantId;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function serverCustomers(): Promise<WireDocument[]> {
  const byId = new Map<string, WireDocument>();
  let checkpoint: SyncCheckpoint | null = null;
  for (;;) {
    const query = checkpoint ? `&serverSeq=${checkpoint.serverSeq}&id=${checkpoint.id}` : '';
    const response = await fetch(`${serverUrl}/api/sync/customers/pull?limit=500${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await response.json()) as PullResponse;
    if (page.documents.length === 0) return [...byId.values()];
    for (const doc of page.documents) byId.set(doc.id, doc);
    checkpoint = page.checkpoint;
  }
}

async function syncOnce(collection: RxCollection, ourConflictHandler = true) {
  const replication = await replicateHumans(collection, {
    serverUrl,
    getAccessToken,
    ourConflictHandler,
    live: false,
  });
  await replication.awaitInitialReplication();
  await replication.cancel();
}

/** The suite's "remove all documents from the server": the demo tenant holds only its rows. */
async function cleanUpServer() {
  await server().db.execute(sql`DELETE FROM customers WHERE tenant_id = ${tenantId}`);
}

describe('RxDB replication base test suite against the central server', () => {
  runReplicationBaseTestSuite({
    startReplication: (collection) =>
      replicateHumans(collection, {
        serverUrl,
        getAccessToken,
        ourConflictHandler: true,
        live: true,
      }),
    syncOnce: (collection) => syncOnce(collection),
    getAllServerDocs: async () => (await serverCustomers()).map(customerToHuman),
    cleanUpServer,
    // The server never forgets a document: a deletion is a row with deleted = true.
    softDeletes: true,
    isDeleted: (doc: { _deleted: boolean }) => doc._deleted,
    getPrimaryOfServerDoc: (doc: Human) => doc.passportId,
  });
});

type Conflicts = RxCollection<ConflictDoc>;
const conflictsOf = (collection: RxCollection) =>
  (collection.database as unknown as { conflicts: Conflicts }).conflicts;

/**
 * Where the replica's conflict handler deliberately differs from RxDB's default one. The
 * suite's "should keep the master state" passes with ours too (a field both sides changed
 * keeps the master's value); these show what ours does beyond it.
 */
describe('named deviations from RxDB’s default conflict handler', () => {
  async function twoReplicasOfOneDoc(ourConflictHandler: boolean) {
    await cleanUpServer();
    const c1 = await humansCollection.create(1, 'human', false);
    const c2 = await humansCollection.create(0, 'human', false);
    await syncOnce(c1, ourConflictHandler);
    await syncOnce(c2, ourConflictHandler);
    return { c1, c2, doc1: await c1.findOne().exec(true), doc2: await c2.findOne().exec(true) };
  }

  it('DEVIATION 1: edits of different fields both survive (the default keeps only the master’s document)', async () => {
    const { c1, c2, doc1, doc2 } = await twoReplicasOfOneDoc(true);
    await doc1.incrementalPatch({ lastName: 'from-c1' });
    await doc2.incrementalPatch({ firstName: 'from-c2' });
    await syncOnce(c2);
    await syncOnce(c1); // conflict: merged, then pushed with the master as assumed state
    expect(doc1.getLatest().toJSON()).toMatchObject({ firstName: 'from-c2', lastName: 'from-c1' });
    const onServer = (await serverCustomers()).map(customerToHuman);
    expect(onServer).toEqual([
      expect.objectContaining({ firstName: 'from-c2', lastName: 'from-c1' }),
    ]);
    expect(await conflictsOf(c1).count().exec()).toBe(0);
    await c1.database.close();
    await c2.database.close();
  });

  it('control for deviation 1: RxDB’s default handler loses the non-conflicting local edit', async () => {
    const { c1, c2, doc1, doc2 } = await twoReplicasOfOneDoc(false);
    await doc1.incrementalPatch({ lastName: 'from-c1' });
    await doc2.incrementalPatch({ firstName: 'from-c2' });
    await syncOnce(c2, false);
    await syncOnce(c1, false);
    assert.strictEqual(doc1.getLatest().firstName, 'from-c2');
    expect(doc1.getLatest().lastName).not.toBe('from-c1');
    await c1.database.close();
    await c2.database.close();
  });

  it('DEVIATION 2: the losing local value of a field both changed is kept as a conflict record', async () => {
    const { c1, c2, doc1, doc2 } = await twoReplicasOfOneDoc(true);
    const original = doc1.firstName;
    await doc1.incrementalPatch({ firstName: 'c1' });
    await doc2.incrementalPatch({ firstName: 'c2' });
    await syncOnce(c2);
    await syncOnce(c1);
    // What the suite asserts: the master state is kept ...
    expect(doc1.getLatest().firstName).toBe('c2');
    // ... and what the default handler does not do: the lost edit is kept aside.
    const records = (await conflictsOf(c1).find().exec()).map((d) => d.toJSON());
    expect(records).toEqual([
      expect.objectContaining({
        sourceCollection: 'customers',
        docId: doc1.passportId,
        field: 'firstName',
        base: JSON.stringify(original),
        local: '"c1"',
        server: '"c2"',
        resolved: false,
      }),
    ]);
    await c1.database.close();
    await c2.database.close();
  });

  it('inserts with special characters and emoji round-trip through PostgreSQL unchanged', async () => {
    await cleanUpServer();
    const c1 = await humansCollection.create(0, 'human', false);
    const docs = Array.from({ length: 20 }, () => schemaObjects.humanData());
    await c1.bulkInsert(docs);
    await syncOnce(c1);
    const onServer = (await serverCustomers()).map(customerToHuman);
    const strip = ({ _deleted, ...human }: Human & { _deleted: boolean }) => human;
    expect(onServer.map(strip).sort((a, b) => (a.passportId < b.passportId ? -1 : 1))).toEqual(
      docs.sort((a, b) => (a.passportId < b.passportId ? -1 : 1)),
    );
    await c1.database.close();
  });
});
