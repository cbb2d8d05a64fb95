import { describe, expect, it } from 'vitest';
import type { PullResponse, WireDocument } from '../../src-shared/sync/protocol';
import { useTestServer } from '../test-support/test-server';
import { syncClient } from './sync-test-helpers';

describe('sync pull and push', () => {
  const server = useTestServer({
    demoSize: 40,
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
  });

  it('pages through every customer by checkpoint, in sequence order, without repeats', async () => {
    const agent = await syncClient(server(), 'agent');
    const seen: WireDocument[] = [];
    let checkpoint = null;
    for (let page = 0; page < 100; page++) {
      const response = await agent.pull('customers', checkpoint, 7);
      expect(response.statusCode).toBe(200);
      const body = response.json() as PullResponse;
      if (body.documents.length === 0) break;
      expect(body.documents.length).toBeLessThanOrEqual(7);
      seen.push(...body.documents);
      checkpoint = body.checkpoint;
    }
    const ids = seen.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(40);
    const seqs = seen.map((d) => d.serverSeq as number);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    // Derived search keys are filled in like the replica does.
    expect(seen.every((d) => typeof d['nameKey'] === 'string' && d['nameKey'] !== '')).toBe(true);
  });

  it('applies a push, reports a stale one as a conflict, and ignores a retried one', async () => {
    const agent = await syncClient(server(), 'agent');
    const { documents, checkpoint } = await agent.pullAll('customers');
    const base = documents[0]!;
    const edited = { ...base, tags: ['vip-call'] };
    expect(
      (await agent.pushOk('customers', [{ assumedMasterState: base, newDocumentState: edited }]))
        .conflicts,
    ).toEqual([]);

    // Retry of the same push: already the master state, so neither a conflict nor a new write.
    const after = await agent.pullAll('customers');
    const retried = await agent.pushOk('customers', [
      { assumedMasterState: base, newDocumentState: edited },
    ]);
    expect(retried.conflicts).toEqual([]);
    const changedSince = (await agent.pull('customers', after.checkpoint)).json() as PullResponse;
    expect(changedSince.documents).toEqual([]);

    // Another client still holding `base` edits the name: conflict carrying the master.
    const stale = await agent.pushOk('customers', [
      { assumedMasterState: base, newDocumentState: { ...base, name: 'Someone Else' } },
    ]);
    expect(stale.conflicts).toHaveLength(1);
    expect(stale.conflicts[0]).toMatchObject({ id: base.id, tags: ['vip-call'], name: base.name });

    const changes = (await agent.pull('customers', checkpoint)).json() as PullResponse;
    expect(changes.documents.map((d) => d.id)).toEqual([base.id]);
    expect(changes.documents[0]).toMatchObject({ tags: ['vip-call'] });
  });

  it('soft-deletes and keeps the deletion in pulls', async () => {
    const agent = await syncClient(server(), 'agent');
    const me = (
      await server().app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization: `Bearer ${agent.accessToken}` },
      })
    ).json() as { id: string };
    const { documents, checkpoint } = await agent.pullAll('interactions');
    // An agent changes only his own call log (interactions-authorization.test.ts).
    const doc = documents.find((d) => d['agentId'] === me.id)!;
    await agent.pushOk('interactions', [
      { assumedMasterState: doc, newDocumentState: { ...doc, _deleted: true } },
    ]);
    const changes = (await agent.pull('interactions', checkpoint)).json() as PullResponse;
    expect(changes.documents).toEqual([expect.objectContaining({ id: doc.id, _deleted: true })]);
  });

  it('creates documents pushed without an assumed master state, idempotently', async () => {
    const agent = await syncClient(server(), 'agent');
    const me = (
      await server().app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization: `Bearer ${agent.accessToken}` },
      })
    ).json() as { id: string };
    const doc = {
      id: '6f1c1b9e-5a0a-4c55-9a53-0a0f7c2b9d11',
      channel: 'voice',
      direction: 'inbound',
      startedAt: 1_700_000_000_000,
      answeredAt: 0,
      endedAt: 0,
      agentId: me.id,
      queueId: 'billing',
      callId: 'c-1',
      customerId: '',
      remoteNumber: '+8613800138000',
      disposition: '',
      notes: 'hello',
      workOrderIds: [],
      talkMs: 0,
      holdMs: 0,
      endReason: '',
      abandoned: false,
      updatedAt: 0,
      serverSeq: 0,
      _deleted: false,
    };
    expect((await agent.pushOk('interactions', [{ newDocumentState: doc }])).conflicts).toEqual([]);
    expect((await agent.pushOk('interactions', [{ newDocumentState: doc }])).conflicts).toEqual([]);
    const all = await agent.pullAll('interactions');
    const stored = all.documents.filter((d) => d.id === doc.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      ...doc,
      updatedAt: expect.any(Number),
      serverSeq: expect.any(Number),
    });
  });

  it('keeps a work order dispatched to a back-office queue with its form fields', async () => {
    const agent = await syncClient(server(), 'agent');
    const { documents, checkpoint } = await agent.pullAll('work_orders');
    const doc = documents.find((d) => !d._deleted)!;
    const next = {
      ...doc,
      type: 'complaint',
      assigneeId: '',
      queueId: 'billing',
      details: { category: 'billing', severity: 'high', desiredOutcome: 'refund of ¥120.50' },
    };
    expect(
      (await agent.pushOk('work_orders', [{ assumedMasterState: doc, newDocumentState: next }]))
        .conflicts,
    ).toEqual([]);
    const changes = (await agent.pull('work_orders', checkpoint)).json() as PullResponse;
    expect(changes.documents.find((d) => d.id === doc.id)).toMatchObject({
      assigneeId: '',
      queueId: 'billing',
      details: next.details,
    });
  });

  it("refuses form fields that do not fit the order type's form, naming the field", async () => {
    const agent = await syncClient(server(), 'agent');
    const doc = (await agent.pullAll('work_orders')).documents.find((d) => !d._deleted)!;
    const response = await agent.push('work_orders', [
      {
        assumedMasterState: doc,
        newDocumentState: { ...doc, type: 'complaint', details: { category: 'weather' } },
      },
    ]);
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain(
      "details.category does not fit the 'complaint' form",
    );
  });

  it('refuses form fields that are not flat text, numbers or yes/no', async () => {
    const agent = await syncClient(server(), 'agent');
    const doc = (await agent.pullAll('work_orders')).documents.find((d) => !d._deleted)!;
    const response = await agent.push('work_orders', [
      { assumedMasterState: doc, newDocumentState: { ...doc, details: { nested: { a: 1 } } } },
    ]);
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain('details');
  });
});
