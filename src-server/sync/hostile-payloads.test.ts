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
      [{ ...doc, id: 'not-a-uuid' }, 'id must be a UUID'],
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
