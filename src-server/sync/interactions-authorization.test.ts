import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WireDocument } from '../../src-shared/sync/protocol';
import { interactions } from '../db/schema';
import { bearer, useTestServer } from '../test-support/test-server';
import { syncClient } from './sync-test-helpers';

type Client = Awaited<ReturnType<typeof syncClient>>;

const call = (agentId: string, id = randomUUID()): WireDocument => ({
  id,
  channel: 'voice',
  direction: 'inbound',
  startedAt: 1_700_000_000_000,
  answeredAt: 1_700_000_002_000,
  endedAt: 1_700_000_060_000,
  agentId,
  queueId: '',
  callId: `sip-${id}`,
  customerId: '',
  remoteNumber: '+8613800138000',
  disposition: '',
  notes: 'first note',
  workOrderIds: [],
  talkMs: 58_000,
  holdMs: 0,
  endReason: 'remote-hangup',
  abandoned: false,
  updatedAt: 0,
  serverSeq: 0,
  _deleted: false,
});

/**
 * Whose call log a user may write (issue #4), decided from the token:
 *  - an agent creates and changes only interactions naming him as their agent, and may not
 *    change the agent of one (not even to himself from '');
 *  - a supervisor or an admin corrects the tenant's call log: he may create an interaction for
 *    any user of his tenant and reassign one (a user of another tenant is refused as unknown,
 *    hostile-sync.test.ts);
 *  - a technician may not push interactions at all (scope.test.ts).
 * A refusal is a 403 naming agentId, and like every refusal it writes no row of the batch.
 */
describe('interactions: an agent writes only his own call log', () => {
  const server = useTestServer({
    demoSize: 5,
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
  });
  let agent: Client;
  let agent2: Client;
  let supervisor: Client;
  let admin: Client;
  const ids: Record<'agent' | 'agent2' | 'supervisor', string> = {
    agent: '',
    agent2: '',
    supervisor: '',
  };
  const idOf = async (client: Client) =>
    (
      (
        await server().app.inject({
          method: 'GET',
          url: '/api/me',
          headers: bearer(client.accessToken),
        })
      ).json() as { id: string }
    ).id;

  beforeAll(async () => {
    agent = await syncClient(server(), 'agent');
    agent2 = await syncClient(server(), 'agent2');
    supervisor = await syncClient(server(), 'supervisor');
    admin = await syncClient(server(), 'admin');
    ids.agent = await idOf(agent);
    ids.agent2 = await idOf(agent2);
    ids.supervisor = await idOf(supervisor);
  });

  const rowOf = async (id: string) =>
    (await server().db.select().from(interactions).where(eq(interactions.id, id)))[0];
  const pulled = async (client: Client, id: string) =>
    (await client.pullAll('interactions')).documents.find((d) => d.id === id)!;
  const refusal = (body: string) => (JSON.parse(body) as { error: { message: string } }).error;

  it('lets an agent create and change his own call', async () => {
    const doc = call(ids.agent);
    await agent.pushOk('interactions', [{ newDocumentState: doc }]);
    const master = await pulled(agent, doc.id);
    const answer = await agent.pushOk('interactions', [
      { assumedMasterState: master, newDocumentState: { ...master, notes: 'called back' } },
    ]);
    expect(answer.conflicts).toEqual([]);
    expect(await rowOf(doc.id)).toMatchObject({ agentId: ids.agent, notes: 'called back' });
  });

  it.each([
    ['another agent', () => ids.agent2],
    ['his supervisor', () => ids.supervisor],
    ['no agent', () => ''],
  ])(
    'refuses an agent creating a call naming %s: 403 on agentId, nothing written',
    async (_who, named) => {
      const doc = call(named());
      const response = await agent.push('interactions', [{ newDocumentState: doc }]);
      expect(response.statusCode, response.body).toBe(403);
      expect(refusal(response.body)).toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining('agentId'),
      });
      expect(await rowOf(doc.id)).toBeUndefined();
    },
  );

  it('refuses an agent handing his call to another agent, and keeps it his', async () => {
    const doc = call(ids.agent);
    await agent.pushOk('interactions', [{ newDocumentState: doc }]);
    const master = await pulled(agent, doc.id);
    const response = await agent.push('interactions', [
      { assumedMasterState: master, newDocumentState: { ...master, agentId: ids.agent2 } },
    ]);
    expect(response.statusCode, response.body).toBe(403);
    expect(refusal(response.body).message).toContain('agentId');
    expect(await pulled(agent, doc.id)).toEqual(master);
  });

  it.each([
    ['its notes', { notes: 'not mine to write' }],
    ['its agent, to himself', { agentId: 'SELF' }],
    ['its deletion', { _deleted: true }],
  ])(
    "refuses an agent changing %s on another agent's call: 403 on agentId, unchanged",
    async (_what, change) => {
      const doc = call(ids.agent2);
      await agent2.pushOk('interactions', [{ newDocumentState: doc }]);
      const master = await pulled(agent, doc.id);
      const next: WireDocument = { ...master, ...change };
      if (next['agentId'] === 'SELF') next['agentId'] = ids.agent;
      const response = await agent.push('interactions', [
        { assumedMasterState: master, newDocumentState: next },
      ]);
      expect(response.statusCode, response.body).toBe(403);
      expect(refusal(response.body).message).toContain('agentId');
      expect(await pulled(agent2, doc.id)).toEqual(master);
    },
  );

  it("refuses an agent claiming an unassigned call (agentId '') written by a supervisor", async () => {
    const doc = call('');
    await supervisor.pushOk('interactions', [{ newDocumentState: doc }]);
    const master = await pulled(agent, doc.id);
    const response = await agent.push('interactions', [
      { assumedMasterState: master, newDocumentState: { ...master, agentId: ids.agent } },
    ]);
    expect(response.statusCode, response.body).toBe(403);
    expect((await rowOf(doc.id))?.agentId).toBeNull();
  });

  it('writes no row of a batch in which one row names another agent', async () => {
    const own = call(ids.agent);
    const forged = call(ids.agent2);
    const alsoOwn = call(ids.agent);
    const response = await agent.push('interactions', [
      { newDocumentState: own },
      { newDocumentState: forged },
      { newDocumentState: alsoOwn },
    ]);
    expect(response.statusCode, response.body).toBe(403);
    expect(refusal(response.body).message).toContain(forged.id);
    for (const doc of [own, forged, alsoOwn]) expect(await rowOf(doc.id)).toBeUndefined();
    // The same batch without the forged row is applied whole.
    await agent.pushOk('interactions', [{ newDocumentState: own }, { newDocumentState: alsoOwn }]);
    for (const doc of [own, alsoOwn]) expect(await rowOf(doc.id)).toBeDefined();
  });

  it('lets a supervisor and an admin log a call for any agent of the tenant and reassign one', async () => {
    for (const [client, from, to] of [
      [supervisor, ids.agent, ids.agent2],
      [admin, ids.agent2, ids.supervisor],
    ] as const) {
      const doc = call(from);
      await client.pushOk('interactions', [{ newDocumentState: doc }]);
      const master = await pulled(client, doc.id);
      await client.pushOk('interactions', [
        { assumedMasterState: master, newDocumentState: { ...master, agentId: to } },
      ]);
      expect((await rowOf(doc.id))?.agentId).toBe(to);
    }
  });
});
