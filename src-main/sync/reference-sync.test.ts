import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceId } from '../../src-shared/rxdb/reference';
import type { PullResponse } from '../../src-shared/sync/protocol';
import { openReplica, type ReplicaDatabase } from '../replica/open-replica';
import { startServerProcess } from './server-process';
import { startSync, type SyncHandle, type SyncStatus } from './start-sync';

/** Polls until the condition holds; the test's timeout bounds the wait. */
async function waitFor(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('reference data in the desktop replica', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let dir: string;
  let db: ReplicaDatabase;
  let sync: SyncHandle;
  let status: SyncStatus | undefined;

  beforeAll(async () => {
    server = await startServerProcess();
    dir = mkdtempSync(join(tmpdir(), 'sb-reference-'));
    db = await openReplica({ dataDir: dir, devMode: false });
    // A technician: reference data is for every role, his scope limits only orders.
    const token = await server.login('tech');
    sync = await startSync({
      database: db,
      serverUrl: server.url,
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

  it('pulls the catalogue, users included, into the replica', async () => {
    await waitFor(() => status?.online === true);
    await sync.awaitInSync();
    const products = await db.reference.find({ selector: { kind: 'product' } }).exec();
    expect(products.length).toBeGreaterThanOrEqual(20);
    const router = await db.reference.findOne(referenceId('product', 'RTWIFI6')).exec();
    expect(router?.data).toMatchObject({ code: 'RTWIFI6', price: 299 });
    const users = await db.reference.find({ selector: { kind: 'user' } }).exec();
    expect(users.map((u) => (u.data as { username: string }).username).sort()).toEqual([
      'admin',
      'agent',
      'agent2',
      'supervisor',
      'tech',
      'tech2',
    ]);
  });

  it('receives a renamed user over the live stream', async () => {
    await sync.awaitInSync();
    await server.execSql(
      "update users set display_name = '王芳（夜班）' where username = 'agent' and tenant_id = (select id from tenants where slug = 'demo')",
    );
    await waitFor(async () => {
      const users = await db.reference.find({ selector: { kind: 'user' } }).exec();
      return users.some((u) => u.label.zhCN === '王芳（夜班）');
    });
    const renamed = (await db.reference.find({ selector: { kind: 'user' } }).exec()).find(
      (u) => (u.data as { username: string }).username === 'agent',
    );
    expect(renamed?.label).toEqual({ en: '王芳（夜班）', zhCN: '王芳（夜班）' });
  });

  it('never pushes a local edit of reference data (the server owns it)', async () => {
    const doc = await db.reference.findOne(referenceId('product', 'RTWIFI6')).exec();
    await doc!.incrementalPatch({ label: { en: 'Local edit', zhCN: '本地修改' } });
    await sync.awaitInSync();
    const token = await server.login('agent');
    const response = await fetch(`${server.url}/api/sync/reference/pull?limit=500`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await response.json()) as PullResponse;
    expect(page.documents.find((d) => d.id === 'product:RTWIFI6')?.['label']).toEqual({
      en: 'Wi-Fi 6 router AX3000',
      zhCN: 'Wi-Fi 6 路由器 AX3000',
    });
    expect(status?.errors.filter((e) => e.startsWith('reference'))).toEqual([]);
    // The next change of the row on the server replaces the local edit.
    await server.execSql(
      "update reference_items set label_en = 'Wi-Fi 6 router AX3000 (new)' where kind = 'product' and key = 'RTWIFI6' and tenant_id = (select id from tenants where slug = 'demo')",
    );
    await waitFor(
      async () =>
        (await db.reference.findOne(referenceId('product', 'RTWIFI6')).exec())?.label.en ===
        'Wi-Fi 6 router AX3000 (new)',
    );
  });
});
