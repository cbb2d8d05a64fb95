import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, base64url } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PullResponse, WireDocument } from '../../src-shared/sync/protocol';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../auth/access-tokens';
import { loadSigningKey } from '../auth/signing-key';
import { bearer, useTestServer } from '../test-support/test-server';
import { syncClient } from './sync-test-helpers';

/**
 * What sync-routes must refuse beyond hostile-payloads.test.ts: forged and expired tokens on
 * every sync endpoint (the stream included), ids of other tenants' rows and users, batches
 * with one bad row, hostile JSON, and a talkative stream client.
 */
describe('sync refuses forged credentials, foreign ids and hostile bodies', () => {
  const server = useTestServer({
    demoSize: 6,
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
  });
  type Client = Awaited<ReturnType<typeof syncClient>>;
  let agent: Client;
  let acme: Client;
  let url: string;
  let key: Uint8Array;
  let claims: { sub: string; tid: string };

  beforeAll(async () => {
    agent = await syncClient(server(), 'agent');
    acme = await syncClient(server(), 'agent', 'acme');
    url = await server().app.listen({ host: '127.0.0.1', port: 0 });
    key = await loadSigningKey(server().db);
    const me = (
      await server().app.inject({
        method: 'GET',
        url: '/api/me',
        headers: bearer(agent.accessToken),
      })
    ).json() as { id: string; tenantId: string };
    claims = { sub: me.id, tid: me.tenantId };
  });

  const sign = (signingKey: Uint8Array, exp: number, role = 'agent') =>
    new SignJWT({ tid: claims.tid, role })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(claims.sub)
      .setIssuedAt(exp - 900)
      .setExpirationTime(exp)
      .sign(signingKey);
  const now = () => Math.floor(Date.now() / 1000);
  const tokens: [string, () => Promise<string>][] = [
    ['an expired token', () => sign(key, now() - 5)],
    ['a token signed with another key', () => sign(new Uint8Array(randomBytes(32)), now() + 600)],
    [
      'a tampered token (role raised to admin)',
      async () => {
        const [header, payload, signature] = agent.accessToken.split('.');
        const decoded = JSON.parse(new TextDecoder().decode(base64url.decode(payload!)));
        const raised = base64url.encode(JSON.stringify({ ...decoded, role: 'admin' }));
        return `${header}.${raised}.${signature}`;
      },
    ],
    ['garbage', async () => 'x.y.z'],
  ];

  it('accepts a token signed with the real key (control for the forgeries)', async () => {
    const token = await sign(key, now() + 600);
    const pull = await server().app.inject({
      method: 'GET',
      url: '/api/sync/customers/pull',
      headers: bearer(token),
    });
    expect(pull.statusCode).toBe(200);
  });

  it.each(tokens)('refuses %s on pull, push and the stream with 401', async (_label, make) => {
    const token = await make();
    const pull = await server().app.inject({
      method: 'GET',
      url: '/api/sync/customers/pull',
      headers: bearer(token),
    });
    expect(pull.statusCode).toBe(401);
    expect(pull.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const doc = (await agent.pullAll('customers')).documents[0]!;
    const push = await server().app.inject({
      method: 'POST',
      url: '/api/sync/customers/push',
      headers: bearer(token),
      payload: {
        rows: [{ assumedMasterState: doc, newDocumentState: { ...doc, name: 'forged' } }],
      },
    });
    expect(push.statusCode).toBe(401);
    expect((await agent.pullAll('customers')).documents.find((d) => d.id === doc.id)).toMatchObject(
      { name: doc['name'] },
    );
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/sync/stream`, {
        headers: bearer(token),
      });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => reject(new Error('the stream opened for a forged token')));
      socket.on('error', () => {});
    });
    expect(status).toBe(401);
  });

  it("refuses references to another tenant's customer and user, writing nothing", async () => {
    const foreignCustomer = (await acme.pullAll('customers')).documents[0]!;
    const foreignAgent = (await acme.pullAll('interactions')).documents.find(
      (d) => d['agentId'] !== '',
    )!;
    // The agent's own call (an agent may change no other); a supervisor may name any agent
    // of his tenant, so the reference check is what refuses a foreign one.
    const mine = (await agent.pullAll('interactions')).documents.find(
      (d) => d['agentId'] === claims.sub,
    )!;
    const supervisor = await syncClient(server(), 'supervisor');
    const before = (await agent.pullAll('interactions')).checkpoint;
    for (const [client, field, value, message] of [
      [agent, 'customerId', foreignCustomer.id, 'no such customer'],
      [supervisor, 'agentId', foreignAgent['agentId'], 'no such user'],
    ] as const) {
      const response = await client.push('interactions', [
        { assumedMasterState: mine, newDocumentState: { ...mine, [field]: value } },
      ]);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        error: { message: expect.stringContaining(message) },
      });
    }
    const after = (await agent.pull('interactions', before)).json() as PullResponse;
    expect(after.documents).toEqual([]);
  });

  it("answers a push of another tenant's document id with 403 and without its content", async () => {
    const foreign = (await acme.pullAll('customers')).documents[0]!;
    const mine = (await agent.pullAll('customers')).documents[0]!;
    // Posing as a creation (no assumed master) of a document that exists in another tenant.
    const disguised = { ...mine, id: foreign.id, accountNumber: 'X-1', name: 'probe' };
    const response = await agent.push('customers', [{ newDocumentState: disguised }]);
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain(String(foreign['name']));
    expect(response.body).not.toContain(String(foreign['accountNumber']));
    const theirs = (await acme.pullAll('customers')).documents.find((d) => d.id === foreign.id);
    expect(theirs).toEqual(foreign);
  });

  it('writes no row of a batch when one row is refused (valid rows before and after it)', async () => {
    const foreign = (await acme.pullAll('customers')).documents[0]!;
    const docs = (await agent.pullAll('customers')).documents;
    const before = (await agent.pullAll('customers')).checkpoint;
    const edit = (d: WireDocument) => ({
      assumedMasterState: d,
      newDocumentState: { ...d, tags: ['batch-probe'] },
    });
    const created = { ...docs[0]!, id: randomUUID(), accountNumber: 'BATCH-1', _deleted: false };
    const response = await agent.push('customers', [
      edit(docs[0]!),
      { newDocumentState: created },
      edit(foreign),
      edit(docs[1]!),
    ]);
    expect(response.statusCode).toBe(403);
    const after = (await agent.pull('customers', before)).json() as PullResponse;
    expect(after.documents).toEqual([]);
  });

  it.each([
    ['prototype pollution', '{"rows":[],"__proto__":{"isAdmin":true}}', 400],
    ['constructor pollution', '{"rows":[],"constructor":{"prototype":{"isAdmin":true}}}', 400],
    ['truncated JSON', '{"rows":[{"newDocumentState":', 400],
    ['a JSON string', '"rows"', 400],
    ['deep nesting', `{"rows":${'['.repeat(5000)}${']'.repeat(5000)}}`, 400],
  ])('refuses %s in a push body with a clear 4xx', async (_label, payload, status) => {
    const response = await server().app.inject({
      method: 'POST',
      url: '/api/sync/customers/push',
      headers: { ...bearer(agent.accessToken), 'content-type': 'application/json' },
      payload,
    });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error: { message: expect.any(String) } });
  });

  it('refuses a push body that is not JSON', async () => {
    const response = await server().app.inject({
      method: 'POST',
      url: '/api/sync/customers/push',
      headers: { ...bearer(agent.accessToken), 'content-type': 'text/plain' },
      payload: 'rows=1',
    });
    expect([400, 415]).toContain(response.statusCode);
    expect(response.json()).toMatchObject({ error: { message: expect.any(String) } });
  });

  it.each([
    'customers/pull?serverSeq=1&serverSeq=2',
    'customers/pull?limit=0',
    'customers/pull?serverSeq=1.5',
    `customers/pull?serverSeq=${'9'.repeat(30)}`,
    'customers/pull?id=00000000-0000-0000-0000-000000000000%00',
  ])('refuses the forged checkpoint %s with 400', async (query) => {
    const response = await server().app.inject({
      method: 'GET',
      url: `/api/sync/${query}`,
      headers: bearer(agent.accessToken),
    });
    expect(response.statusCode).toBe(400);
  });

  it('answers a checkpoint past the end with nothing and the same checkpoint', async () => {
    const checkpoint = { serverSeq: Number.MAX_SAFE_INTEGER, id: randomUUID() };
    const response = await agent.pull('customers', checkpoint);
    expect(response.json()).toEqual({ documents: [], checkpoint });
  });

  it('closes a stream whose client sends oversized frames, and ignores small ones', async () => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/sync/stream`, {
      headers: bearer(agent.accessToken),
    });
    const first = await new Promise<string>((resolve) =>
      socket.once('message', (data) => resolve(String(data))),
    );
    expect(first).toBe('"RESYNC"');
    socket.send('{"collection":"customers","documents":[]}');
    const code = await new Promise<number>((resolve) => {
      socket.on('close', (closeCode) => resolve(closeCode));
      socket.send('x'.repeat(128 * 1024));
    });
    expect(code).toBe(1009);
  });
});
