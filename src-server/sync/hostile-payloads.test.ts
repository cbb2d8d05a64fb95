import { describe, expect, it } from 'vitest';
import { bearer, useTestServer } from '../test-support/test-server';
import { syncClient } from './sync-test-helpers';
import { PUSH_BODY_LIMIT } from './sync-routes';

describe('sync refuses malformed and hostile requests with a clear 4xx', () => {
  const server = useTestServer({
    demoSize: 5,
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
  });

  it('requires a token', async () => {
    const response = await server().app.inject({ method: 'GET', url: '/api/sync/customers/pull' });
    expect(response.statusCode).toBe(401);
  });

  it.each([
    ['customers/pull?serverSeq=-1', 'serverSeq'],
    ['customers/pull?serverSeq=abc', 'serverSeq'],
    ['customers/pull?serverSeq=1&id=1%27%20OR%201=1', 'id'],
    ['customers/pull?limit=100000', 'limit'],
    ['customers/pull?where=1', ''],
  ])('refuses the bad checkpoint %s', async (url, path) => {
    const agent = await syncClient(server(), 'agent');
    const response = await server().app.inject({
      method: 'GET',
      url: `/api/sync/${url}`,
      headers: bearer(agent.accessToken),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'bad_request', issues: [expect.objectContaining({ path })] },
    });
  });

  it.each(['reference_items', 'users', '..%2Fauth', 'constructor'])(
    'answers 404 for the unknown collection %s',
    async (name) => {
      const agent = await syncClient(server(), 'agent');
      const response = await agent.pull(name);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
    },
  );

  it('refuses push bodies of the wrong shape', async () => {
    const agent = await syncClient(server(), 'agent');
    for (const rows of [null, 'x', [{}], [{ newDocumentState: { id: 1 } }]]) {
      const response = await agent.push('customers', rows);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'bad_request' } });
    }
  });

  it('refuses documents that do not match the replica schema, naming the field', async () => {
    const agent = await syncClient(server(), 'agent');
    const doc = (await agent.pullAll('customers')).documents[0]!;
    const cases: [object, string][] = [
      [{ ...doc, name: 'x'.repeat(300) }, '/name'],
      [{ ...doc, isAdmin: true }, 'additional properties'],
      [{ ...doc, phones: ['not a phone'] }, '/phones/0'],
      [{ ...doc, id: 'not-a-uuid' }, 'id must be a lower-case UUID'],
    ];
    for (const [next, message] of cases) {
      const response = await agent.push('customers', [
        { assumedMasterState: doc, newDocumentState: next },
      ]);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        error: { code: 'bad_request', message: expect.stringContaining(message) },
      });
    }
  });

  // PostgreSQL cannot hold U+0000 in text or jsonb (the write failed with a 500), and the
  // driver turned an unpaired surrogate into U+FFFD (the pull gave back another string).
  it.each([
    ['customers', 'name', 'Zhang\u0000San', '/name'],
    ['customers', 'tags', ['vip', '\ud83d'], '/tags/1'],
    ['customers', 'address', { line1: 'Lane \udc00 3' }, '/address/line1'],
    ['work_orders', 'description', 'broken \ud800 pipe', '/description'],
    ['work_orders', 'details', { 'area\u0000': 'app' }, '/details/area'],
    ['interactions', 'notes', 'called back\u0000', '/notes'],
  ])(
    'refuses %s.%s holding a string PostgreSQL cannot store as pushed, naming it, writing nothing',
    async (collection, field, value, path) => {
      const agent = await syncClient(server(), 'agent');
      const all = (await agent.pullAll(collection)).documents;
      const doc = all.find((d) => collection !== 'interactions' || d['agentId'] !== '')!;
      const response = await agent.push(collection, [
        { assumedMasterState: doc, newDocumentState: { ...doc, [field]: value } },
      ]);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({
        error: { code: 'bad_request', message: expect.stringContaining(path) },
      });
      const after = (await agent.pullAll(collection)).documents.find((d) => d.id === doc.id);
      expect(after).toEqual(doc);
    },
  );

  // A malformed reference made the lookup fail with a 500; an upper-case UUID was stored in
  // lower case, so the pull gave back another id (for RxDB: another document).
  it.each([
    ['customers', 'id', 'upper', '/id'],
    ['work_orders', 'customerId', 'not-a-uuid', '/customerId'],
    ['work_orders', 'customerId', '', '/customerId'],
    ['work_orders', 'assigneeId', 'upper', '/assigneeId'],
    ['interactions', 'agentId', 'x', '/agentId'],
    ['interactions', 'customerId', 'upper', '/customerId'],
    ['interactions', 'workOrderIds', ['upper'], '/workOrderIds/0'],
  ])(
    'refuses %s.%s = %j that no uuid column keeps as pushed, naming it, writing nothing',
    async (collection, field, value, path) => {
      const agent = await syncClient(server(), 'agent');
      const all = (await agent.pullAll(collection)).documents;
      const doc = all.find((d) => d['assigneeId'] !== '' && d['customerId'] !== '')!;
      const upper = (id: unknown) => String(id || doc.id).toUpperCase();
      const bad =
        value === 'upper' ? upper(doc[field]) : Array.isArray(value) ? [upper(undefined)] : value;
      const response = await agent.push(collection, [
        { assumedMasterState: doc, newDocumentState: { ...doc, [field]: bad } },
      ]);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({
        error: { code: 'bad_request', message: expect.stringContaining(`${path} must be a`) },
      });
      const after = (await agent.pullAll(collection)).documents;
      expect(after.find((d) => d.id === doc.id)).toEqual(doc);
      expect(after).toHaveLength(all.length);
    },
  );

  it('refuses too many rows and oversized bodies', async () => {
    const agent = await syncClient(server(), 'agent');
    const doc = (await agent.pullAll('customers')).documents[0]!;
    const many = Array.from({ length: 101 }, () => ({ newDocumentState: doc }));
    expect((await agent.push('customers', many)).statusCode).toBe(400);
    const huge = [{ newDocumentState: { ...doc, padding: 'x'.repeat(PUSH_BODY_LIMIT + 1) } }];
    const response = await agent.push('customers', huge);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });
});
