import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, WireDocument } from '../../src-shared/sync/protocol';
import type { ConflictDoc } from '../../src-shared/rxdb/conflicts';
import { openReplica, type ReplicaDatabase } from '../replica/open-replica';
import { startServerProcess } from './server-process';
import { startSync, type SyncHandle, type SyncStatus } from './start-sync';
import { startTcpProxy } from './tcp-proxy';

/** Polls until the condition holds; the test's timeout bounds the wait. */
async function waitFor(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('startSync against a real server', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let dir: string;
  let db: ReplicaDatabase;
  let sync: SyncHandle;
  let status: SyncStatus | undefined;

  /** The server's current customers, read over HTTP as another agent. */
  async function serverCustomers(token: string): Promise<Map<string, WireDocument>> {
    const docs = new Map<string, WireDocument>();
    let query = '';
    for (;;) {
      const response = await fetch(`${server.url}/api/sync/customers/pull?limit=500${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const page = (await response.json()) as PullResponse;
      if (page.documents.length === 0) return docs;
      for (const doc of page.documents) docs.set(doc.id, doc);
      query = `&serverSeq=${page.checkpoint!.serverSeq}&id=${page.checkpoint!.id}`;
    }
  }

  async function serverPush(token: string, master: WireDocument, next: WireDocument) {
    const response = await fetch(`${server.url}/api/sync/customers/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [{ assumedMasterState: master, newDocumentState: next }] }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { conflicts: unknown[] }).conflicts).toEqual([]);
  }

  beforeAll(async () => {
    server = await startServerProcess();
    proxy = await startTcpProxy(Number(new URL(server.url).port));
    dir = mkdtempSync(join(tmpdir(), 'sb-sync-'));
    db = await openReplica({ dataDir: dir, devMode: false });
    const token = await server.login('agent');
    sync = await startSync({
      database: db,
      serverUrl: proxy.url,
      getAccessToken: async () => token,
      onStatus: (s) => (status = s),
      retryTimeMs: 100,
      reconnectMinMs: 50,
      reconnectMaxMs: 200,
    });
  });
  afterAll(async () => {
    await sync?.stop();
    await db?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('pulls the tenant into the replica, valid against its schemas', async () => {
    await waitFor(() => status?.online === true);
    await sync.awaitInSync();
    const other = await server.login('agent2');
    const onServer = await serverCustomers(other);
    expect(await db.customers.count().exec()).toBe(onServer.size);
    const sample = await db.customers.findOne([...onServer.keys()][0]!).exec();
    expect(sample?.nameKey).toBe(onServer.get(sample!.id)!['nameKey']);
    expect(await db.work_orders.count().exec()).toBeGreaterThan(0);
  });

  it('keeps an offline edit and a server edit of other fields, and records a same-field conflict', async () => {
    await sync.awaitInSync();
    const other = await server.login('agent2');
    const [first, second] = [...(await serverCustomers(other)).values()];

    await proxy.cut();
    await waitFor(() => status?.online === false);
    // Offline: tags of the first, name of the second.
    await (await db.customers.findOne(first!.id).exec())!.incrementalPatch({ tags: ['offline'] });
    await (await db.customers.findOne(second!.id).exec())!.incrementalPatch({ name: 'Local Name' });
    // Meanwhile on the server: another field of the first, the same field of the second.
    const vipTier = first!['vipTier'] === 'gold' ? 'silver' : 'gold';
    await serverPush(other, first!, { ...first!, vipTier });
    await serverPush(other, second!, { ...second!, name: 'Server Name' });

    await proxy.restore();
    await waitFor(async () => {
      const now = await serverCustomers(other);
      return (now.get(first!.id)!['tags'] as string[]).includes('offline');
    });
    await sync.awaitInSync();
    const onServer = await serverCustomers(other);
    expect(onServer.get(first!.id)).toMatchObject({ tags: ['offline'], vipTier });
    await waitFor(async () => (await db.customers.findOne(first!.id).exec())?.vipTier === vipTier);
    expect((await db.customers.findOne(first!.id).exec())!.tags).toEqual(['offline']);

    await waitFor(
      async () => (await db.customers.findOne(second!.id).exec())?.name === 'Server Name',
    );
    expect(onServer.get(second!.id)).toMatchObject({ name: 'Server Name' });
    const conflicts = db.collections['conflicts' as never] as unknown as {
      find(): { exec(): Promise<{ toJSON(): ConflictDoc }[]> };
    };
    const records = (await conflicts.find().exec()).map((d) => d.toJSON());
    expect(records).toEqual([
      expect.objectContaining({
        sourceCollection: 'customers',
        docId: second!.id,
        field: 'name',
        local: '"Local Name"',
        server: '"Server Name"',
        resolved: false,
      }),
    ]);
    await waitFor(() => status?.conflicts === 1);
  });
});
