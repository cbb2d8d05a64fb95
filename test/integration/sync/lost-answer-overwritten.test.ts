import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictDoc } from '../../../src-shared/rxdb/conflicts';
import type { WorkOrderDoc } from '../../../src-shared/rxdb/work-orders';
import type { PushResponse } from '../../../src-shared/sync/protocol';
import { FAULT_CLIENT_SCRIPT, startChild, type Child } from './support/child-process';
import { login, pullAll } from './support/fault-scenario';
import { startLostAnswerRig, type LostAnswerRig } from './support/lost-answer-rig';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Decision 0023: A's push is applied but its answer lost; B sees A's value and overwrites it;
 * A's retry (its newest state, the old assumed master) meets B's value. Only the server knows
 * that A's state was applied (and so seen): it says so, and A records no conflict. Once with
 * the retry after the request timeout, once after a SIGKILL and a restart on the same replica.
 */
describe.skipIf(!process.env.DATABASE_URL)(
  'a push applied, its answer lost, then overwritten knowingly by another client',
  () => {
    let rig: LostAnswerRig;
    let client: Child | undefined;
    let supervisor: string;
    const dir = mkdtempSync(join(tmpdir(), 'sb-lost-overwritten-'));

    const spawnClient = (replica: string) =>
      startChild(FAULT_CLIENT_SCRIPT, {
        FAULT_SERVER_URL: rig.proxy.url,
        FAULT_USERNAME: 'agent',
        FAULT_DATA_DIR: join(dir, replica),
        FAULT_REQUEST_TIMEOUT_MS: '1500',
      });
    const onServer = async (id: string) =>
      (await pullAll(rig.server.url, supervisor, 'work_orders')).find((d) => d.id === id) as
        WorkOrderDoc | undefined;
    /** B: a supervisor's desktop that pulled A's value and writes over it. */
    const overwrite = async (seen: WorkOrderDoc, description: string) => {
      const response = await fetch(`${rig.server.url}/api/sync/work_orders/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${supervisor}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          rows: [{ assumedMasterState: seen, newDocumentState: { ...seen, description } }],
        }),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as PushResponse).conflicts).toEqual([]);
    };
    const dump = async () => {
      const answer = await client!.request({ op: 'dump' });
      return {
        orders: answer['workOrders'] as WorkOrderDoc[],
        conflicts: answer['conflicts'] as ConflictDoc[],
      };
    };

    beforeAll(async () => {
      rig = await startLostAnswerRig();
      supervisor = await login(rig.server.url, 'supervisor');
    }, 120_000);
    afterAll(async () => {
      await client?.kill();
      await rig?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it.each([
      ['retried after the request timeout', false],
      ['retried after a SIGKILL and a restart', true],
    ])(
      'keeps B’s value with no conflict record when %s',
      { timeout: 120_000 },
      async (name, kill) => {
        client = await spawnClient(name.replace(/\W+/g, '-'));
        await client.request({ op: 'sync' }, 60_000);
        const order = (await dump()).orders.find((d) => !d.description.startsWith('A '))!;

        const pushed = rig.loseAnswersAfterNextPush();
        await client.request({ op: 'edit', workOrderId: order.id, description: `A ${name}` });
        await pushed;
        let seen = await onServer(order.id);
        while (seen?.description !== `A ${name}`) {
          await sleep(50);
          seen = await onServer(order.id);
        }
        // Applied, its answer (and A's live stream) lost: B sees A's value and replaces it.
        await overwrite(seen, `B over A ${name}`);
        if (kill) {
          await client.kill('SIGKILL');
          rig.proxy.setFaults({});
          client = await spawnClient(name.replace(/\W+/g, '-'));
        } else {
          rig.proxy.setFaults({});
        }

        let mine: WorkOrderDoc | undefined;
        do {
          await client.request({ op: 'sync' }, 60_000);
          mine = (await dump()).orders.find((d) => d.id === order.id);
          if (mine?.description !== `B over A ${name}`) await sleep(100);
        } while (mine?.description !== `B over A ${name}`);
        // Without the server's word the merge records A's value as lost, although B saw it.
        expect((await dump()).conflicts.filter((c) => c.docId === order.id)).toEqual([]);
        expect((await onServer(order.id))?.description).toBe(`B over A ${name}`);

        // A's later edits go through as usual.
        await client.request({ op: 'edit', workOrderId: order.id, description: `A later ${name}` });
        while ((await onServer(order.id))?.description !== `A later ${name}`) {
          await client.request({ op: 'sync' }, 60_000);
          await sleep(50);
        }
        const after = await dump();
        expect(after.conflicts.filter((c) => c.docId === order.id)).toEqual([]);
        expect(after.orders.find((d) => d.id === order.id)?.description).toBe(`A later ${name}`);
        await client.kill();
        client = undefined;
      },
    );
  },
);
