import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictDoc } from '../../src-shared/rxdb/conflicts';
import type { PullResponse, WireDocument } from '../../src-shared/sync/protocol';
import { openReplica, type ReplicaDatabase } from '../replica/open-replica';
import { startServerProcess } from './server-process';
import { startSync, type SyncHandle, type SyncStatus } from './start-sync';

async function waitFor(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('a technician replica', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let dir: string;
  let db: ReplicaDatabase;
  let sync: SyncHandle;
  let status: SyncStatus | undefined;
  let techId: string;

  const api = async (token: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, json: (await response.json()) as unknown };
  };

  beforeAll(async () => {
    server = await startServerProcess();
    dir = mkdtempSync(join(tmpdir(), 'sb-tech-'));
    db = await openReplica({ dataDir: dir, devMode: false });
    const token = await server.login('tech');
    techId = ((await api(token, '/api/me')).json as { id: string }).id;
    sync = await startSync({
      database: db,
      serverUrl: server.url,
      getAccessToken: async () => token,
      onStatus: (s) => (status = s),
      retryTimeMs: 100,
    });
    await waitFor(() => status?.online === true);
    await sync.awaitInSync();
  });
  afterAll(async () => {
    await sync?.stop();
    await db?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds only his orders', async () => {
    const orders = await db.work_orders.find().exec();
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((o) => o.assigneeId === techId)).toBe(true);
  });

  it('puts back a change the server refuses and keeps it, with the reason, as a conflict', async () => {
    const order = (await db.work_orders.find().exec())[0]!;
    const priority = order.priority === 1 ? 2 : 1;
    await order.incrementalPatch({ priority });
    const conflicts = db.collections['conflicts' as never] as unknown as {
      find(): { exec(): Promise<{ toJSON(): ConflictDoc }[]> };
    };
    await waitFor(async () => (await conflicts.find().exec()).length > 0);
    const [record] = (await conflicts.find().exec()).map((d) => d.toJSON());
    expect(record).toMatchObject({ docId: order.id, field: '*' });
    expect(record!.server).toContain("may not change the field 'priority'");
    expect(JSON.parse(record!.local)).toMatchObject({ priority });
    await waitFor(
      async () => (await db.work_orders.findOne(order.id).exec())?.priority === order.priority,
    );
    expect(status?.errors.some((e) => e.includes("field 'priority'"))).toBe(true);
  });

  it('drops an order reassigned to another technician', async () => {
    const order = (await db.work_orders.find().exec())[0]!;
    const supervisor = await server.login('supervisor');
    const tech2 = await server.login('tech2');
    const tech2Id = ((await api(tech2, '/api/me')).json as { id: string }).id;
    const all = (await api(supervisor, '/api/sync/work_orders/pull?limit=500'))
      .json as PullResponse;
    const master = all.documents.find((d) => d.id === order.id) as WireDocument;
    const pushed = await api(supervisor, '/api/sync/work_orders/push', {
      rows: [{ assumedMasterState: master, newDocumentState: { ...master, assigneeId: tech2Id } }],
    });
    expect(pushed).toEqual({ status: 200, json: { conflicts: [] } });
    await waitFor(async () => (await db.work_orders.findOne(order.id).exec()) === null);
  });
});
