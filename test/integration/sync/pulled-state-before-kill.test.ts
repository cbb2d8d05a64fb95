import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../../src-server/test-support/test-database';
import type { ConflictDoc } from '../../../src-shared/rxdb/conflicts';
import type { WorkOrderDoc } from '../../../src-shared/rxdb/work-orders';
import { FAULT_CLIENT_SCRIPT, startChild, type Child } from './support/child-process';
import { login, pullAll, startServer } from './support/fault-scenario';

/**
 * RxDB's pull writes a document, then in a second write its assumed master state. A client
 * killed between the two restarts with the pulled state in its replica and an older assumed
 * master, and its upstream takes the pulled state for a local edit. The fault runs met it
 * by chance (seed 454364 in CI: a conflict record whose "local" value was the other agent's
 * edit, one that agent had itself overwritten knowingly). Here the kill lands in that gap
 * every time, once with no edit by B after the restart and once with one made at once. The
 * pulled state must count as the server's, not as this agent's edit.
 */
describe.skipIf(!process.env.DATABASE_URL)('a pulled state written, the client killed', () => {
  let database: TestDatabase;
  let server: Awaited<ReturnType<typeof startServer>>;
  let writer: Child | undefined;
  let reader: Child | undefined;
  const dirs = [
    mkdtempSync(join(tmpdir(), 'sb-pulled-A-')),
    mkdtempSync(join(tmpdir(), 'sb-pulled-B-')),
  ];

  const spawnClient = (username: string, dir: string) =>
    startChild(FAULT_CLIENT_SCRIPT, {
      FAULT_SERVER_URL: server.url,
      FAULT_USERNAME: username,
      FAULT_DATA_DIR: dir,
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer(database.databaseUrl!);
    writer = await spawnClient('agent', dirs[0]!);
    reader = await spawnClient('agent2', dirs[1]!);
    await writer.request({ op: 'sync' }, 60_000);
    await reader.request({ op: 'sync' }, 60_000);
  }, 120_000);
  afterAll(async () => {
    await writer?.kill();
    await reader?.kill();
    await server?.child.kill('SIGTERM');
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    { order: 0, edit: 'none', note: undefined },
    // Before the restarted replication's first scan: decision 0025's repair in startSync.
    { order: 1, edit: 'a note right after the restart', note: 'B, right after the restart' },
  ])(
    'keeps the later edit of the other agent, with no conflict record (edit by B: $edit)',
    { timeout: 120_000 },
    async ({ order: index, note }) => {
      const token = await login(server.url, 'supervisor');
      const live = (await pullAll(server.url, token, 'work_orders')).filter((d) => !d._deleted);
      const order = live.sort((a, b) => (a.id < b.id ? -1 : 1))[index]!;

      await reader!.request({ op: 'dieBeforePullMeta', workOrderId: order.id });
      await writer!.request({ op: 'edit', workOrderId: order.id, description: 'seen by B' });
      await writer!.request({ op: 'sync' }, 60_000);
      // B pulls it from the stream, writes it, and dies before the assumed master is written.
      await reader!.exited;
      // A edits again, over the value B had already pulled.
      await writer!.request({ op: 'edit', workOrderId: order.id, description: 'A, later' });
      await writer!.request({ op: 'sync' }, 60_000);

      reader = await spawnClient('agent2', dirs[1]!);
      if (note) await reader.request({ op: 'edit', workOrderId: order.id, note });
      await reader.request({ op: 'sync' }, 60_000);
      await writer!.request({ op: 'sync' }, 60_000);

      const dump = await reader.request({ op: 'dump' });
      const conflicts = (dump['conflicts'] as ConflictDoc[]).filter((c) => c.docId === order.id);
      expect(conflicts).toEqual([]);
      const mine = (dump['workOrders'] as WorkOrderDoc[]).find((d) => d.id === order.id);
      expect(mine?.description).toBe('A, later');
      const onServer = (await pullAll(server.url, token, 'work_orders')).find(
        (d) => d.id === order.id,
      ) as WorkOrderDoc | undefined;
      expect(onServer?.description).toBe('A, later');
      if (note) expect(onServer?.history.some((entry) => entry.note === note)).toBe(true);
    },
  );
});
