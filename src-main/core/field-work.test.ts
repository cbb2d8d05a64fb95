import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, WireDocument } from '../../src-shared/sync/protocol';
import { attachmentPath } from '../../src-shared/sync/wire-attachments';
import { openReplica, type ReplicaDatabase } from '../replica/open-replica';
import { startServerProcess } from '../sync/server-process';
import { startSync, type SyncHandle } from '../sync/start-sync';
import { startTcpProxy } from '../sync/tcp-proxy';
import { createFieldWork, type FieldWork } from './field-work';
import { cleanUpClosedOrders, DEFAULT_STORAGE_BUDGET, isLocalOnlyDeletion } from './field-storage';
import { TECHNICIAN_PULL_ONLY } from './sync-runner';

async function waitFor(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** A technician's desktop: a real replica syncing with a real server, worked through the core. */
describe('field work on a technician replica', { timeout: 90_000 }, () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  const dirs: string[] = [];
  const replicas: ReplicaDatabase[] = [];
  const syncs: SyncHandle[] = [];
  let token: string;
  let techId: string;

  const api = async (bearer: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return response;
  };
  const masterOf = async (bearer: string, id: string) =>
    (
      (await (await api(bearer, '/api/sync/work_orders/pull?limit=500')).json()) as PullResponse
    ).documents.find((d) => d.id === id) as WireDocument;

  async function desktop(serverUrl = server.url) {
    const dir = mkdtempSync(join(tmpdir(), 'sb-field-'));
    dirs.push(dir);
    const db = await openReplica({ dataDir: dir, devMode: false });
    replicas.push(db);
    let sync: SyncHandle | null = null;
    const connect = async () => {
      sync = await startSync({
        database: db,
        serverUrl,
        getAccessToken: async () => token,
        retryTimeMs: 100,
        isLocalOnlyDeletion,
        pullOnly: TECHNICIAN_PULL_ONLY,
      });
      syncs.push(sync);
      await sync.awaitInSync();
    };
    await connect();
    const work: FieldWork = createFieldWork({
      replica: db,
      userId: () => techId,
      unsynced: async () => (sync ? sync.unsynced('work_orders') : null),
      retrySync: async () => sync?.retryNow(),
      budget: DEFAULT_STORAGE_BUDGET,
    });
    const disconnect = async () => {
      await sync?.stop();
      sync = null;
    };
    return { db, work, connect, disconnect, sync: () => sync! };
  }

  async function upload(work: FieldWork, bytes: Buffer) {
    const uploadId = randomUUID();
    await work.handlers['fieldWork.uploadChunk']({
      uploadId,
      index: 0,
      data: bytes.toString('base64'),
    });
    return uploadId;
  }

  /** One of his orders, put by the supervisor into 'on_site'. */
  const used = new Set<string>();
  async function orderOnSite(): Promise<string> {
    const supervisor = await server.login('supervisor');
    const all = (await (
      await api(supervisor, '/api/sync/work_orders/pull?limit=500')
    ).json()) as PullResponse;
    const order = all.documents.find(
      (d) => d['assigneeId'] === techId && !d._deleted && !used.has(d.id),
    )!;
    used.add(order.id);
    const response = await api(supervisor, '/api/sync/work_orders/push', {
      rows: [{ assumedMasterState: order, newDocumentState: { ...order, status: 'on_site' } }],
    });
    expect(response.status).toBe(200);
    return order.id;
  }

  beforeAll(async () => {
    // Enough demo orders for the technician to give each test fresh ones.
    process.env['DEMO_SIZE'] = '40';
    server = await startServerProcess();
    token = await server.login('tech');
    techId = ((await (await api(token, '/api/me')).json()) as { id: string }).id;
  });
  afterAll(async () => {
    for (const sync of syncs) await sync.stop().catch(() => undefined);
    for (const db of replicas) await db.close();
    await server?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('uploads status, parts, time, a note and a photo, which reach a second desktop byte for byte', async () => {
    const id = await orderOnSite();
    const first = await desktop();
    await waitFor(
      async () => (await first.db.work_orders.findOne(id).exec())?.status === 'on_site',
    );
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6]);
    await first.work.handlers['fieldWork.addPart']({ id, part: 'fuse 10A', quantity: 2 });
    await first.work.handlers['fieldWork.addTime']({ id, minutes: 40 });
    await first.work.handlers['fieldWork.addNote']({ id, note: 'replaced both fuses' });
    const uploadId = await upload(first.work, photo);
    await first.work.handlers['fieldWork.addAttachment']({
      id,
      uploadId,
      kind: 'photo',
      type: 'image/jpeg',
    });
    const done = await first.work.handlers['fieldWork.setStatus']({ id, to: 'resolved' });
    expect(done.status).toBe('resolved');
    first.sync().retryNow();
    await waitFor(
      async () => (await first.work.handlers['fieldWork.pending']({})).orders.length === 0,
    );

    const master = await masterOf(token, id);
    expect(master).toMatchObject({
      status: 'resolved',
      partsUsed: [expect.objectContaining({ part: 'fuse 10A', quantity: 2, by: techId })],
      timeSpent: [expect.objectContaining({ minutes: 40 })],
    });
    const [photoId] = Object.keys(master['_attachments'] as object);
    expect(photoId).toMatch(/^photo-/);
    const stored = await api(token, attachmentPath(id, photoId!));
    expect(Buffer.from(await stored.arrayBuffer()).equals(photo)).toBe(true);

    const second = await desktop();
    await waitFor(
      async () => (await second.db.work_orders.findOne(id).exec())?.status === 'resolved',
    );
    const copy = await second.work.handlers['fieldWork.getAttachment']({
      id,
      attachmentId: photoId!,
    });
    expect(Buffer.from(copy.data, 'base64').equals(photo)).toBe(true);
    await first.disconnect();
    await second.disconnect();
  });

  it('keeps what he did offline when the supervisor changed the order meanwhile, and shows the conflict', async () => {
    const id = await orderOnSite();
    const laptop = await desktop();
    await waitFor(
      async () => (await laptop.db.work_orders.findOne(id).exec())?.status === 'on_site',
    );
    await laptop.disconnect();
    // Offline: parts and a resolution on the laptop.
    await laptop.work.handlers['fieldWork.addPart']({ id, part: 'valve', quantity: 1 });
    await laptop.work.handlers['fieldWork.setStatus']({ id, to: 'resolved' });
    // Meanwhile the supervisor cancels the order on the server.
    const supervisor = await server.login('supervisor');
    const master = await masterOf(supervisor, id);
    const cancelled = await api(supervisor, '/api/sync/work_orders/push', {
      rows: [{ assumedMasterState: master, newDocumentState: { ...master, status: 'cancelled' } }],
    });
    expect(cancelled.status).toBe(200);

    await laptop.connect();
    await waitFor(
      async () => (await laptop.work.handlers['fieldWork.pending']({})).orders.length === 0,
    );
    const merged = await masterOf(token, id);
    expect(merged['status']).toBe('cancelled');
    expect(merged['partsUsed']).toEqual([expect.objectContaining({ part: 'valve' })]);
    const { conflicts } = await laptop.work.handlers['conflicts.list']({});
    expect(conflicts).toEqual([
      expect.objectContaining({
        docId: id,
        field: 'status',
        local: '"resolved"',
        server: '"cancelled"',
      }),
    ]);
    await laptop.work.handlers['conflicts.dismiss']({ id: conflicts[0]!.id });
    expect((await laptop.work.handlers['conflicts.list']({})).conflicts).toEqual([]);
    await laptop.disconnect();
  });

  it('cleans up closed orders past their days, never one with changes not yet uploaded, and only locally', async () => {
    const syncedId = await orderOnSite();
    const waitingId = await orderOnSite();
    const proxy = await startTcpProxy(Number(new URL(server.url).port));
    const laptop = await desktop(proxy.url);
    await waitFor(
      async () => (await laptop.db.work_orders.findOne(waitingId).exec())?.status === 'on_site',
    );
    for (const id of [syncedId, waitingId]) {
      await laptop.work.handlers['fieldWork.setStatus']({ id, to: 'resolved' });
    }
    await waitFor(
      async () => (await laptop.work.handlers['fieldWork.pending']({})).orders.length === 0,
    );
    // Offline again (the network is cut): a note on one closed order waits to upload.
    await proxy.cut();
    await laptop.work.handlers['fieldWork.addNote']({
      id: waitingId,
      note: 'customer signed later',
    });
    const unsynced = await laptop.sync().unsynced('work_orders');
    expect(unsynced).toEqual([{ id: waitingId, fields: ['history'] }]);
    const later = Date.now() + 15 * 86_400_000;
    expect(await cleanUpClosedOrders(laptop.db, DEFAULT_STORAGE_BUDGET, null, later)).toBe(0);
    const removed = await cleanUpClosedOrders(laptop.db, DEFAULT_STORAGE_BUDGET, unsynced, later);
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await laptop.db.work_orders.findOne(syncedId).exec()).toBeNull();
    expect(await laptop.db.work_orders.findOne(waitingId).exec()).not.toBeNull();
    await proxy.restore();
    laptop.sync().retryNow();
    // The server got the note, and still has the removed order, not deleted.
    await waitFor(async () =>
      ((await masterOf(token, waitingId))['history'] as { note?: string }[]).some(
        (e) => e.note === 'customer signed later',
      ),
    );
    await waitFor(
      async () => (await laptop.work.handlers['fieldWork.pending']({})).orders.length === 0,
    );
    await laptop.sync().awaitInSync();
    expect(await masterOf(token, syncedId)).toMatchObject({ _deleted: false, status: 'resolved' });
    expect((await laptop.work.handlers['conflicts.list']({})).conflicts).toEqual([]);
    await laptop.disconnect();
  });
});
