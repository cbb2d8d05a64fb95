import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { REFERENCE_KINDS } from '../../src-shared/rxdb/reference';
import { REFERENCE_DATA_SCHEMAS } from '../../src-shared/rxdb/reference-data';
import type { PullResponse, WireDocument } from '../../src-shared/sync/protocol';
import { referenceItems, tenants, users } from '../db/schema';
import { ACME_TENANT, DEMO_TENANT } from '../demo/users';
import { useTestServer } from '../test-support/test-server';
import { syncClient } from './sync-test-helpers';

const live = (docs: WireDocument[]) => docs.filter((d) => !d._deleted);
const ofKind = (docs: WireDocument[], kind: string) => docs.filter((d) => d['kind'] === kind);

describe('reference data sync', () => {
  const server = useTestServer({
    demoSize: 10,
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
  });
  const tenantId = async (slug: string) =>
    (await server().db.select().from(tenants).where(eq(tenants.slug, slug)))[0]!.id;

  it.each(DEMO_TENANT.users.map((u) => [u.role, u.username]))(
    '%s (%s) pulls the whole reference catalogue of the tenant',
    async (_role, username) => {
      const client = await syncClient(server(), username);
      const docs = live((await client.pullAll('reference')).documents);
      expect(new Set(docs.map((d) => d['kind']))).toEqual(new Set(REFERENCE_KINDS));
      expect(ofKind(docs, 'product').length).toBeGreaterThanOrEqual(20);
      expect(ofKind(docs, 'policy').length).toBeGreaterThanOrEqual(5);
      expect(ofKind(docs, 'user').length).toBe(DEMO_TENANT.users.length);
      for (const doc of docs) {
        expect(doc.id).toBe(`${doc['kind']}:${doc['key']}`);
        const schema = REFERENCE_DATA_SCHEMAS[doc['kind'] as keyof typeof REFERENCE_DATA_SCHEMAS];
        expect(schema.safeParse(doc['data']).success, doc.id).toBe(true);
      }
    },
  );

  it('derives one user row per user: id as key, display name, role and username', async () => {
    const agent = await syncClient(server(), 'agent');
    const docs = ofKind((await agent.pullAll('reference')).documents, 'user');
    const demoUsers = await server()
      .db.select()
      .from(users)
      .where(eq(users.tenantId, await tenantId('demo')));
    expect(docs.map((d) => d['key']).sort()).toEqual(demoUsers.map((u) => u.id).sort());
    const me = demoUsers.find((u) => u.username === 'agent')!;
    expect(docs.find((d) => d['key'] === me.id)).toMatchObject({
      label: { en: me.displayName, zhCN: me.displayName },
      active: true,
      data: { role: 'agent', username: 'agent' },
    });
  });

  it("never sends another tenant's rows", async () => {
    const demo = live((await (await syncClient(server(), 'agent')).pullAll('reference')).documents);
    const acme = live(
      (await (await syncClient(server(), 'tech', 'acme')).pullAll('reference')).documents,
    );
    const acmeUserNames = ACME_TENANT.users.map((u) => u.displayName).sort();
    expect(
      ofKind(acme, 'user')
        .map((d) => (d['label'] as { en: string }).en)
        .sort(),
    ).toEqual(acmeUserNames);
    const demoUserKeys = new Set(ofKind(demo, 'user').map((d) => d['key']));
    expect(ofKind(acme, 'user').some((d) => demoUserKeys.has(d['key']))).toBe(false);

    // A catalogue change in one tenant reaches only that tenant.
    await server()
      .db.update(referenceItems)
      .set({ labelEn: 'Demo-only gigabit' })
      .where(
        and(
          eq(referenceItems.tenantId, await tenantId('demo')),
          eq(referenceItems.kind, 'product'),
          eq(referenceItems.key, 'BB1000'),
        ),
      );
    const acmeAgain = (await (await syncClient(server(), 'agent', 'acme')).pullAll('reference'))
      .documents;
    expect(acmeAgain.some((d) => JSON.stringify(d).includes('Demo-only'))).toBe(false);
    const demoAgain = (await (await syncClient(server(), 'agent')).pullAll('reference')).documents;
    expect(
      demoAgain.find((d) => d.id === 'product:BB1000')?.['label'] as { en: string },
    ).toMatchObject({ en: 'Demo-only gigabit' });
  });

  it('shows a renamed user in the next pull after the checkpoint, and only that change', async () => {
    const supervisor = await syncClient(server(), 'supervisor');
    const { checkpoint } = await supervisor.pullAll('reference');
    // A password change is not a change of the directory: nothing to pull.
    await server().db.update(users).set({ passwordHash: 'x' }).where(eq(users.username, 'agent2'));
    expect(
      ((await supervisor.pull('reference', checkpoint)).json() as PullResponse).documents,
    ).toEqual([]);
    const [renamed] = await server()
      .db.update(users)
      .set({ displayName: '李娜（组长）' })
      .where(and(eq(users.username, 'agent2'), eq(users.tenantId, await tenantId('demo'))))
      .returning();
    const page = (await supervisor.pull('reference', checkpoint)).json() as PullResponse;
    expect(page.documents).toHaveLength(1);
    expect(page.documents[0]).toMatchObject({
      id: `user:${renamed!.id}`,
      label: { en: '李娜（组长）', zhCN: '李娜（组长）' },
      _deleted: false,
    });
    expect(page.checkpoint!.serverSeq).toBeGreaterThan(checkpoint!.serverSeq);
    expect(page.checkpoint!.id).toBe(`user:${renamed!.id}`);

    await server().db.update(users).set({ disabled: true }).where(eq(users.id, renamed!.id));
    const next = (await supervisor.pull('reference', page.checkpoint)).json() as PullResponse;
    expect(next.documents).toMatchObject([{ id: `user:${renamed!.id}`, active: false }]);
  });

  it('pages through the catalogue by checkpoint without gaps or repeats', async () => {
    const tech = await syncClient(server(), 'tech');
    const all = (await tech.pullAll('reference')).documents.map((d) => d.id);
    const paged: string[] = [];
    let checkpoint = null;
    for (;;) {
      const page = (await tech.pull('reference', checkpoint, 7)).json() as PullResponse;
      if (page.documents.length === 0) break;
      paged.push(...page.documents.map((d) => d.id));
      checkpoint = page.checkpoint;
    }
    expect(paged).toEqual(all);
    expect(new Set(paged).size).toBe(paged.length);
  });

  it.each(['agent', 'supervisor', 'admin', 'tech'])(
    'refuses any push by %s as read-only',
    async (username) => {
      const client = await syncClient(server(), username);
      const [doc] = live((await client.pullAll('reference')).documents);
      for (const rows of [
        [{ assumedMasterState: doc, newDocumentState: { ...doc, label: { en: 'x', zhCN: 'x' } } }],
        [{ newDocumentState: { ...doc, id: 'product:NEW', key: 'NEW' } }],
        [],
        'not even rows',
      ]) {
        const response = await client.push('reference', rows);
        expect(response.statusCode).toBe(403);
        expect(response.json()).toMatchObject({
          error: { code: 'forbidden', message: 'reference data is read-only on the desktop' },
        });
      }
      const [after] = await server()
        .db.select({ n: sql<number>`count(*)::int` })
        .from(referenceItems)
        .where(eq(referenceItems.key, 'NEW'));
      expect(after!.n).toBe(0);
    },
  );

  it.each([
    ['a UUID where a reference id belongs', '00000000-0000-0000-0000-000000000000'],
    ['an unknown kind', 'secret:x'],
    ['SQL', "product:x' or 1=1 --"],
    ['an oversized id', `product:${'a'.repeat(200)}`],
  ])('refuses a forged checkpoint: %s', async (_what, id) => {
    const agent = await syncClient(server(), 'agent');
    const response = await agent.pull('reference', { serverSeq: 1, id });
    expect(response.statusCode).toBe(400);
  });

  it('still refuses reference ids in checkpoints of the other collections', async () => {
    const agent = await syncClient(server(), 'agent');
    const response = await agent.pull('customers', { serverSeq: 1, id: 'product:BB100' });
    expect(response.statusCode).toBe(400);
  });
});
