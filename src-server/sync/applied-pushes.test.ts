import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  FEATURE_APPLIED_PUSHES,
  SYNC_FEATURES_HEADER,
  type PushResponse,
  type WireDocument,
} from '../../src-shared/sync/protocol';
import { useTestServer } from '../test-support/test-server';
import { pushDigest } from './applied-pushes';
import { syncClient } from './sync-test-helpers';

/**
 * The server's memory of applied pushes (decision 0023): a client whose answer was lost asks
 * with `sentBefore` whether its earlier states were applied, and learns it only of its own
 * pushes, only of documents it may see.
 */
describe('applied pushes', () => {
  const server = useTestServer({
    demoSize: 6,
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
  });
  type Client = Awaited<ReturnType<typeof syncClient>>;
  /** In id order: a push moves a document to the end of the pull order. */
  const docs = async (client: Client) =>
    (await client.pullAll('customers')).documents.sort((a, b) => (a.id < b.id ? -1 : 1));

  /** A's push of `name` is applied (answer lost); B overwrites it knowingly; A retries. */
  async function lostAnswerThenOverwrite(a: Client, b: Client, index: number) {
    const m0 = (await docs(a))[index]!;
    const x = { ...m0, name: `A ${index}` };
    expect(
      (await a.pushOk('customers', [{ assumedMasterState: m0, newDocumentState: x }])).conflicts,
    ).toEqual([]);
    const seen = (await b.pullAll('customers')).documents.find((d) => d.id === m0.id)!;
    const y = { ...seen, name: `B ${index}` };
    expect(
      (await b.pushOk('customers', [{ assumedMasterState: seen, newDocumentState: y }])).conflicts,
    ).toEqual([]);
    return { m0, x };
  }

  it('names the feature on every sync answer, refusals included', async () => {
    const agent = await syncClient(server(), 'agent');
    for (const response of [
      await agent.pull('customers'),
      await agent.push('customers', []),
      await agent.push('customers', 'not rows'),
    ]) {
      expect(response.headers[SYNC_FEATURES_HEADER]).toBe(FEATURE_APPLIED_PUSHES);
    }
  });

  it('tells the pusher that its state was applied and then overwritten', async () => {
    const [a, b] = [await syncClient(server(), 'agent'), await syncClient(server(), 'supervisor')];
    const { m0, x } = await lostAnswerThenOverwrite(a, b, 0);
    const never = pushDigest({ ...x, name: 'never sent' });
    const answer = await a.pushOk('customers', [
      { assumedMasterState: m0, newDocumentState: x, sentBefore: [never, pushDigest(x)] },
    ]);
    expect(answer.conflicts.map((c) => c['name'])).toEqual(['B 0']);
    expect(answer.applied).toEqual([{ id: x.id, digests: [pushDigest(x)] }]);
  });

  it('answers as before to a client that sends no digests', async () => {
    const [a, b] = [await syncClient(server(), 'agent'), await syncClient(server(), 'supervisor')];
    const { m0, x } = await lostAnswerThenOverwrite(a, b, 1);
    const response = await a.push('customers', [{ assumedMasterState: m0, newDocumentState: x }]);
    expect(Object.keys(response.json() as PushResponse)).toEqual(['conflicts']);
  });

  it("confirms nothing of another user's push, even with its exact digest", async () => {
    const [a, b] = [await syncClient(server(), 'agent'), await syncClient(server(), 'supervisor')];
    const { m0, x } = await lostAnswerThenOverwrite(a, b, 2);
    // B knows (or guesses) A's state and asks about it as if it had sent it.
    const answer = await b.pushOk('customers', [
      { assumedMasterState: m0, newDocumentState: x, sentBefore: [pushDigest(x)] },
    ]);
    expect(answer.conflicts).toHaveLength(1);
    expect(answer.applied).toBeUndefined();
  });

  it("does not say whether another tenant's document had a push applied", async () => {
    const acme = await syncClient(server(), 'agent', 'acme');
    const agent = await syncClient(server(), 'agent');
    const foreign = (await docs(acme))[0]!;
    const applied = { ...foreign, name: 'acme edit' };
    await acme.pushOk('customers', [{ assumedMasterState: foreign, newDocumentState: applied }]);
    const response = await agent.push('customers', [
      { assumedMasterState: foreign, newDocumentState: foreign, sentBefore: [pushDigest(applied)] },
    ]);
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain('applied');
    expect(response.body).not.toContain(pushDigest(applied));
  });

  it.each<[string, unknown]>([
    ['a digest that is not hex', ['z'.repeat(64)]],
    ['an uppercase digest', ['A'.repeat(64)]],
    ['a short digest', ['a'.repeat(63)]],
    ['an oversized digest', ['a'.repeat(100_000)]],
    ['too many digests', Array.from({ length: 21 }, (_, i) => i.toString(16).padStart(64, '0'))],
    ['not a list', 'a'.repeat(64)],
    ['a digest as an object', [{ $ne: null }]],
  ])('refuses %s with a 400 and writes nothing', async (_what, sentBefore) => {
    const agent = await syncClient(server(), 'agent');
    const doc = (await docs(agent))[3]!;
    const before = (await agent.pullAll('customers')).checkpoint;
    const response = await agent.push('customers', [
      { assumedMasterState: doc, newDocumentState: { ...doc, name: 'probe' }, sentBefore },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: {
        code: 'bad_request',
        issues: expect.arrayContaining([
          expect.objectContaining({ path: expect.stringContaining('sentBefore') }),
        ]),
      },
    });
    expect((await agent.pull('customers', before)).json()).toMatchObject({ documents: [] });
  });

  it('keeps the newest 20 applied states per document and forgets expired ones', async () => {
    const agent = await syncClient(server(), 'agent');
    const db = server().db;
    const count = async (docId: string) => {
      const result = (await db.execute(
        sql`select count(*)::int as n from sync_applied_pushes where doc_id = ${docId}`,
      )) as unknown as { rows: { n: number }[] };
      return Number(result.rows[0]!.n);
    };
    let doc = (await docs(agent))[4]! as WireDocument;
    const other = (await docs(agent))[5]! as WireDocument;
    // An expired row of another document, as a client offline for long left it.
    await db.execute(sql`
      insert into sync_applied_pushes (tenant_id, user_id, collection, doc_id, digest, applied_at)
      select tenant_id, id, 'customers', ${other.id}, ${'0'.repeat(64)}, now() - interval '31 days'
      from users where username = 'agent' limit 1`);
    expect(await count(other.id)).toBe(1);
    const first = { ...doc, name: 'edit 0' };
    for (let n = 0; n < 25; n++) {
      const next = { ...doc, name: `edit ${n}` };
      await agent.pushOk('customers', [{ assumedMasterState: doc, newDocumentState: next }]);
      doc = (await agent.pullAll('customers')).documents.find((d) => d.id === doc.id)!;
    }
    expect(await count(doc.id)).toBe(20);
    expect(await count(other.id)).toBe(0);
    // One batch of two documents: each pruned on its own.
    const fresh = (await agent.pullAll('customers')).documents.find((d) => d.id === other.id)!;
    await agent.pushOk('customers', [
      { assumedMasterState: doc, newDocumentState: { ...doc, name: 'batch' } },
      { assumedMasterState: fresh, newDocumentState: { ...fresh, name: 'batch' } },
    ]);
    expect([await count(doc.id), await count(other.id)]).toEqual([20, 1]);
    // The oldest state is forgotten: its pusher gets the record, as before 0023.
    const answer = await agent.pushOk('customers', [
      { assumedMasterState: null, newDocumentState: first, sentBefore: [pushDigest(first)] },
    ]);
    expect(answer.applied).toBeUndefined();
  });
});
