import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { interactions } from '../db/schema';
import { useTestServer } from '../test-support/test-server';
import { syncClient } from './sync-test-helpers';

// A call as a v1 replica pushes it: talk and hold time and how it ended travel with it.
const call = (agentId: string, id: string) => ({
  id,
  channel: 'voice',
  direction: 'inbound',
  startedAt: 1_700_000_000_000,
  answeredAt: 1_700_000_004_000,
  endedAt: 1_700_000_094_000,
  agentId,
  queueId: '',
  callId: `sip-${id}`,
  customerId: '',
  remoteNumber: '+8613800138000',
  disposition: 'resolved',
  notes: '',
  workOrderIds: [],
  talkMs: 75_000,
  holdMs: 15_000,
  endReason: 'remote-hangup',
  abandoned: false,
  updatedAt: 0,
  serverSeq: 0,
  _deleted: false,
});

describe('interactions sync: talk time, hold time, end reason, abandoned', () => {
  const server = useTestServer({
    demoSize: 5,
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
  });

  it('stores what a replica pushes and sends it back in pulls', async () => {
    const agent = await syncClient(server(), 'agent');
    const me = (
      await server().app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization: `Bearer ${agent.accessToken}` },
      })
    ).json() as { id: string };
    const doc = call(me.id, '0b6f2f7e-6a0c-4d3e-9a61-6c0c5f1d2a01');
    await agent.pushOk('interactions', [{ newDocumentState: doc }]);
    const [row] = await server().db.select().from(interactions).where(eq(interactions.id, doc.id));
    expect(row).toMatchObject({
      talkMs: 75_000,
      holdMs: 15_000,
      endReason: 'remote-hangup',
      abandoned: false,
    });
    const pulled = (await agent.pullAll('interactions')).documents.find((d) => d.id === doc.id);
    expect(pulled).toMatchObject({
      talkMs: 75_000,
      holdMs: 15_000,
      endReason: 'remote-hangup',
      abandoned: false,
    });

    // An abandoned call, then an edit that changes only the end fields.
    const missed = {
      ...call(me.id, '0b6f2f7e-6a0c-4d3e-9a61-6c0c5f1d2a02'),
      answeredAt: 0,
      talkMs: 0,
      holdMs: 0,
      abandoned: true,
    };
    await agent.pushOk('interactions', [{ newDocumentState: missed }]);
    const [master] = (await agent.pullAll('interactions')).documents.filter(
      (d) => d.id === missed.id,
    );
    await agent.pushOk('interactions', [
      { assumedMasterState: master, newDocumentState: { ...master, endReason: 'rejected' } },
    ]);
    const [edited] = await server()
      .db.select()
      .from(interactions)
      .where(eq(interactions.id, missed.id));
    expect(edited).toMatchObject({ abandoned: true, endReason: 'rejected', talkMs: 0 });
  });

  it.each([
    ['a v0 document without the new fields', { talkMs: undefined }, "'talkMs'"],
    ['a negative talk time', { talkMs: -1 }, 'talkMs'],
    ['a fractional hold time', { holdMs: 1.5 }, 'holdMs'],
    ['an absurd hold time', { holdMs: 2 ** 40 }, 'holdMs'],
    ['an unknown end reason', { endReason: 'hung-up; drop table' }, 'endReason'],
    ['a string for abandoned', { abandoned: 'yes' }, 'abandoned'],
  ])('refuses %s with a 400 naming the field', async (_what, change, field) => {
    const agent = await syncClient(server(), 'agent');
    const doc: Record<string, unknown> = {
      ...call('', '0b6f2f7e-6a0c-4d3e-9a61-6c0c5f1d2a09'),
      ...change,
    };
    if ('talkMs' in change && change.talkMs === undefined) delete doc.talkMs;
    const response = await agent.push('interactions', [{ newDocumentState: doc }]);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.body).toContain(field);
    const rows = await server()
      .db.select()
      .from(interactions)
      .where(eq(interactions.id, '0b6f2f7e-6a0c-4d3e-9a61-6c0c5f1d2a09'));
    expect(rows).toHaveLength(0);
  });
});
