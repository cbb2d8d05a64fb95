import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { WireDocument } from '../../src-shared/sync/protocol';
import { workOrders } from '../db/schema';
import { bearer, useTestServer } from '../test-support/test-server';
import { syncClient } from './sync-test-helpers';

describe('work orders sync: values kept as pushed', () => {
  const server = useTestServer({
    demoSize: 5,
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
  });

  async function newOrder(agent: Awaited<ReturnType<typeof syncClient>>) {
    const me = (
      (
        await server().app.inject({
          method: 'GET',
          url: '/api/me',
          headers: bearer(agent.accessToken),
        })
      ).json() as { id: string }
    ).id;
    const customerId = (await agent.pullAll('customers')).documents[0]!.id;
    const id = randomUUID();
    const doc: WireDocument = {
      id,
      number: `T-${id.slice(0, 8)}`,
      type: 'inquiry',
      status: 'new',
      priority: 5,
      customerId,
      assigneeId: '',
      queueId: '',
      details: { topic: 'Opening hours', answeredOnCall: true },
      appointmentStart: 0,
      appointmentEnd: 0,
      address: {
        line1: '建国路 1 号',
        line2: '3 单元 501',
        district: '朝阳区',
        city: '北京',
        province: '北京市',
        postalCode: '100022',
        country: 'CN',
      },
      description: 'Asked when the shop opens',
      // Keys in another order than the server writes them: the same entry all the same.
      history: [{ action: 'created', by: me, at: 1_700_000_000_000 }],
      partsUsed: [],
      timeSpent: [],
      couldNotCompleteReason: '',
      updatedAt: 0,
      serverSeq: 0,
      _attachments: {},
      _deleted: false,
    };
    return { me, doc };
  }

  it('stores priority 5 and every part of the address in the row', async () => {
    const agent = await syncClient(server(), 'agent');
    const { doc } = await newOrder(agent);
    await agent.pushOk('work_orders', [{ newDocumentState: doc }]);
    const [row] = await server().db.select().from(workOrders).where(eq(workOrders.id, doc.id));
    expect(row).toMatchObject({ priority: 5, address: doc['address'] });
  });

  it('appends to a history whose entries the client wrote with its keys in another order', async () => {
    const agent = await syncClient(server(), 'agent');
    const { me, doc } = await newOrder(agent);
    await agent.pushOk('work_orders', [{ newDocumentState: doc }]);
    // Before it pulled the server's copy back, the desktop adds a note on its own copy.
    const note = { at: 1_700_000_060_000, by: me, action: 'note', note: 'Called back' };
    const next = { ...doc, history: [...(doc['history'] as object[]), note] };
    const answer = await agent.pushOk('work_orders', [
      { assumedMasterState: doc, newDocumentState: next },
    ]);
    expect(answer.conflicts).toEqual([]);
    const pulled = (await agent.pullAll('work_orders')).documents.find((d) => d.id === doc.id)!;
    expect(pulled['history']).toEqual(next.history);
  });

  it('still refuses a changed history entry, whatever the order of its keys', async () => {
    const agent = await syncClient(server(), 'agent');
    const { me, doc } = await newOrder(agent);
    await agent.pushOk('work_orders', [{ newDocumentState: doc }]);
    const next = { ...doc, history: [{ by: me, at: 1_700_000_000_001, action: 'created' }] };
    const response = await agent.push('work_orders', [
      { assumedMasterState: doc, newDocumentState: next },
    ]);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.body).toContain('history is append-only');
  });
});
