import { describe, expect, it } from 'vitest';
import type { PullResponse, WireDocument } from '../../src-shared/sync/protocol';
import { bearer, useTestServer } from '../test-support/test-server';
import { syncClient } from './sync-test-helpers';

describe('sync scope and authorization', () => {
  const server = useTestServer({
    demoSize: 40,
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
  });
  const meOf = async (token: string) =>
    (
      await server().app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) })
    ).json() as { id: string };

  /** One of the technician's orders, put by the supervisor into a status he can move on from. */
  async function techOrder(pick: (mine: WireDocument[]) => WireDocument | undefined = (m) => m[0]) {
    const tech = await syncClient(server(), 'tech');
    const supervisor = await syncClient(server(), 'supervisor');
    const techId = (await meOf(tech.accessToken)).id;
    const mine = (await tech.pullAll('work_orders')).documents.filter((d) => !d._deleted);
    const order = pick(mine)!;
    expect(order).toBeDefined();
    const ready = { ...order, status: 'on_site' };
    await supervisor.pushOk('work_orders', [
      { assumedMasterState: order, newDocumentState: ready },
    ]);
    const fresh = (await tech.pullAll('work_orders')).documents.find((d) => d.id === order.id)!;
    return { tech, supervisor, techId, order: fresh };
  }

  it('gives a technician only his work orders and their customers, and no call log', async () => {
    const tech = await syncClient(server(), 'tech');
    const agent = await syncClient(server(), 'agent');
    const techId = (await meOf(tech.accessToken)).id;
    const orders = (await tech.pullAll('work_orders')).documents;
    const allOrders = (await agent.pullAll('work_orders')).documents;
    const expected = allOrders.filter((o) => o['assigneeId'] === techId);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(allOrders.length);
    expect(orders.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
    const customers = (await tech.pullAll('customers')).documents;
    const customerIds = new Set(expected.map((o) => o['customerId']));
    expect(customers.map((c) => c.id).sort()).toEqual([...customerIds].sort());
    expect((await tech.pullAll('interactions')).documents).toEqual([]);
  });

  it("never sends another tenant's rows and refuses pushes of them", async () => {
    const demo = await syncClient(server(), 'agent');
    const acme = await syncClient(server(), 'agent', 'acme');
    const demoIds = new Set((await demo.pullAll('customers')).documents.map((d) => d.id));
    const acmeDocs = (await acme.pullAll('customers')).documents;
    expect(acmeDocs.length).toBeGreaterThan(0);
    expect(acmeDocs.some((d) => demoIds.has(d.id))).toBe(false);
    const foreign = acmeDocs[0]!;
    const response = await demo.push('customers', [
      { assumedMasterState: foreign, newDocumentState: { ...foreign, name: 'hijacked' } },
    ]);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      error: { code: 'forbidden', message: expect.stringContaining('another tenant') },
    });
  });

  it('lets a technician move his order along the workflow and append to its history', async () => {
    const { tech, techId, order } = await techOrder();
    const history = [
      ...(order['history'] as object[]),
      { at: 1_800_000_000_000, by: techId, action: 'note', note: 'replaced the fuse' },
    ];
    const next = { ...order, status: 'resolved', history };
    expect(
      (await tech.pushOk('work_orders', [{ assumedMasterState: order, newDocumentState: next }]))
        .conflicts,
    ).toEqual([]);
    const stored = (await tech.pullAll('work_orders')).documents.find((d) => d.id === order.id)!;
    expect(stored).toMatchObject({ status: 'resolved', history });
  });

  it.each([
    ['priority', (o: WireDocument) => ({ ...o, priority: 1 }), "field 'priority'"],
    ['description', (o: WireDocument) => ({ ...o, description: 'x' }), "field 'description'"],
    ['assigneeId', (o: WireDocument) => ({ ...o, assigneeId: '' }), "field 'assigneeId'"],
    ['queueId', (o: WireDocument) => ({ ...o, queueId: 'billing' }), "field 'queueId'"],
    ['details', (o: WireDocument) => ({ ...o, details: { hazard: true } }), "field 'details'"],
    ['deletion', (o: WireDocument) => ({ ...o, _deleted: true }), "field '_deleted'"],
    [
      'closing the order (the call center closes)',
      (o: WireDocument) => ({ ...o, status: 'closed' }),
      "'status' from 'on_site' to 'closed'",
    ],
    [
      'a backwards status',
      (o: WireDocument) => ({ ...o, status: 'new' }),
      "'status' from 'on_site' to 'new'",
    ],
  ])('refuses a technician changing %s with a 403 naming it', async (_what, change, message) => {
    const { tech, order } = await techOrder();
    const response = await tech.push('work_orders', [
      { assumedMasterState: order, newDocumentState: change(order) },
    ]);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      error: { code: 'forbidden', message: expect.stringContaining(message) },
    });
  });

  it("refuses a technician's push of customers and of another technician's order", async () => {
    const tech = await syncClient(server(), 'tech');
    const tech2 = await syncClient(server(), 'tech2');
    const customer = (await tech.pullAll('customers')).documents[0]!;
    const own = await tech.push('customers', [
      { assumedMasterState: customer, newDocumentState: { ...customer, tags: ['x'] } },
    ]);
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({
      error: { message: 'a technician may not change customers' },
    });
    const other = (await tech2.pullAll('work_orders')).documents[0]!;
    const response = await tech.push('work_orders', [
      { assumedMasterState: other, newDocumentState: { ...other, status: 'resolved' } },
    ]);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      error: { message: expect.stringContaining('not assigned to you') },
    });
  });

  it("removes a reassigned order (and its then unrelated customer) from the former technician's replica", async () => {
    // An order whose customer he has no other order of: the customer must leave with it.
    const { tech, supervisor, order } = await techOrder((mine) =>
      mine.find((o) => mine.filter((p) => p['customerId'] === o['customerId']).length === 1),
    );
    const tech2 = await syncClient(server(), 'tech2');
    const tech2Id = (await meOf(tech2.accessToken)).id;
    const before = await tech.pullAll('work_orders');
    const customersBefore = await tech.pullAll('customers');
    await supervisor.pushOk('work_orders', [
      { assumedMasterState: order, newDocumentState: { ...order, assigneeId: tech2Id } },
    ]);

    const gone = (await tech.pull('work_orders', before.checkpoint)).json() as PullResponse;
    expect(gone.documents).toEqual([expect.objectContaining({ id: order.id, _deleted: true })]);
    const customerChanges = (
      await tech.pull('customers', customersBefore.checkpoint)
    ).json() as PullResponse;
    expect(customerChanges.documents).toEqual([
      expect.objectContaining({ id: order['customerId'], _deleted: true }),
    ]);
    // The new assignee receives the order and its customer.
    expect(
      (await tech2.pullAll('work_orders')).documents.some((d) => d.id === order.id && !d._deleted),
    ).toBe(true);
    expect(
      (await tech2.pullAll('customers')).documents.some((d) => d.id === order['customerId']),
    ).toBe(true);
  });
});
