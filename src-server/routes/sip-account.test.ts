import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TokenPair } from '../../src-shared/http/auth';
import { ServerErrorBodySchema } from '../../src-shared/http/errors';
import { SipAccountSchema } from '../../src-shared/http/sip-account';
import { sipAccounts, users } from '../db/schema';
import { bearer, login, useTestServer } from '../test-support/test-server';

const lines: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(chunk.toString('utf8'));
    done();
  },
});
const server = useTestServer({ demoSize: 0, logLevel: 'trace', logStream: logSink });
let agent: TokenPair;
let agent2: TokenPair;
let acmeAgent: TokenPair;

beforeAll(async () => {
  agent = await login(server(), 'agent');
  agent2 = await login(server(), 'agent2');
  acmeAgent = await login(server(), 'agent', 'acme');
});

const get = (headers: Record<string, string>, query = '') =>
  server().app.inject({ method: 'GET', url: `/api/me/sip-account${query}`, headers });

describe('GET /api/me/sip-account', () => {
  it("serves the signed-in user's own account, password included", async () => {
    const response = await get(bearer(agent.accessToken));
    expect(response.statusCode, response.body).toBe(200);
    expect(SipAccountSchema.parse(response.json())).toEqual({
      aor: 'sip:agent@127.0.0.1:5070',
      registrar: null,
      authUser: 'agent',
      password: 'sip-agent-demo',
      displayName: '王芳',
    });
  });

  it('gives every user his own account and nobody else’s', async () => {
    const second = SipAccountSchema.parse((await get(bearer(agent2.accessToken))).json());
    expect(second.aor).toBe('sip:agent2@127.0.0.1:5070');
    // Same username in another tenant: that tenant's account, not the demo agent's.
    const acme = SipAccountSchema.parse((await get(bearer(acmeAgent.accessToken))).json());
    expect(acme).toMatchObject({ aor: 'sip:alice@127.0.0.1:5070', password: 'sip-alice-demo' });
  });

  it('refuses to take a user from the request', async () => {
    const response = await get(bearer(agent.accessToken), `?userId=${agent2.user.id}`);
    expect(response.statusCode).toBe(400);
    expect(ServerErrorBodySchema.parse(response.json()).error.code).toBe('bad_request');
  });

  it('answers 404 for a user without an account', async () => {
    const tech = await login(server(), 'tech');
    const response = await get(bearer(tech.accessToken));
    expect(response.statusCode).toBe(404);
    expect(ServerErrorBodySchema.parse(response.json()).error).toMatchObject({
      code: 'not_found',
      message: 'No SIP account is set up for this user',
    });
  });

  it.each([
    ['no token', {}],
    ['a malformed header', { authorization: 'Bearer not a token' }],
    ['a forged token', { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' }],
    ['another scheme', { authorization: 'Basic YWdlbnQ6c3dpdGNoYm9hcmQtZGVtbw==' }],
  ])('answers 401 with %s', async (_what, headers) => {
    const response = await get(headers);
    expect(response.statusCode).toBe(401);
    expect(response.body).not.toContain('sip-');
  });

  it('answers 401 once the user is disabled, even with a valid token', async () => {
    const supervisor = await login(server(), 'supervisor');
    const id = supervisor.user.id;
    await server().db.update(users).set({ disabled: true }).where(eq(users.id, id));
    try {
      expect((await get(bearer(supervisor.accessToken))).statusCode).toBe(401);
    } finally {
      await server().db.update(users).set({ disabled: false }).where(eq(users.id, id));
    }
  });

  it('refuses to serve a stored account the engine could not use, without echoing it', async () => {
    const admin = await login(server(), 'admin');
    const hostile = 'p;w"<x>\nregint=1';
    await server()
      .db.insert(sipAccounts)
      .values({ userId: admin.user.id, aor: 'sip:admin@127.0.0.1:5070', password: hostile });
    const response = await get(bearer(admin.accessToken));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('regint');
    expect(ServerErrorBodySchema.parse(response.json()).error.message).toBe(
      'The SIP account stored for this user is not valid',
    );
  });

  it('never writes a SIP password to the log, even at trace level', () => {
    const log = lines.join('');
    expect(log).toContain('/api/me/sip-account');
    for (const password of ['sip-agent-demo', 'sip-agent2-demo', 'sip-alice-demo', 'regint=1']) {
      expect(log).not.toContain(password);
    }
  });
});
