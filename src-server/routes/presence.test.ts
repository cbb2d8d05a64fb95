import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenPair } from '../../src-shared/http/auth';
import {
  DirectorySchema,
  PresenceLeaseSchema,
  type DirectoryColleague,
} from '../../src-shared/http/directory';
import { ServerErrorBodySchema } from '../../src-shared/http/errors';
import { createServer, type Server } from '../app';
import { agentPresence, users } from '../db/schema';
import { seedDemo } from '../demo/seed';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { bearer, login } from '../test-support/test-server';

// Two server processes on one database (PostgreSQL when DATABASE_URL is set, as here in CI):
// what one is told, the other serves.
let database: TestDatabase;
let one: Server;
let two: Server;
let agent: TokenPair;
let agent2: TokenPair;
let supervisor: TokenPair;
let tech: TokenPair;
let acmeAgent: TokenPair;

beforeAll(async () => {
  database = await createTestDatabase();
  const options = {
    logLevel: 'silent',
    ...(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {}),
  };
  one = await createServer(options);
  two = database.databaseUrl ? await createServer(options) : one;
  await seedDemo(one.db, { size: 0, seed: 7 });
  agent = await login(one, 'agent');
  agent2 = await login(one, 'agent2');
  supervisor = await login(one, 'supervisor');
  tech = await login(one, 'tech');
  acmeAgent = await login(one, 'agent', 'acme');
});

afterAll(async () => {
  if (two !== one) await two?.close();
  await one?.close();
  await database?.drop();
});

const report = (server: Server, tokens: TokenPair, payload: unknown) =>
  server.app.inject({
    method: 'PUT',
    url: '/api/me/presence',
    headers: bearer(tokens.accessToken),
    payload: payload as object,
  });

async function directoryOf(server: Server, tokens: TokenPair) {
  const response = await server.app.inject({
    method: 'GET',
    url: '/api/directory',
    headers: bearer(tokens.accessToken),
  });
  expect(response.statusCode, response.body).toBe(200);
  return DirectorySchema.parse(response.json());
}

async function colleague(server: Server, asker: TokenPair, username: string) {
  const found = (await directoryOf(server, asker)).colleagues.find((c) => c.username === username);
  if (!found) throw new Error(`${username} is not in the directory`);
  return found;
}

function errorCode(body: string): string {
  return ServerErrorBodySchema.parse(JSON.parse(body)).error.code;
}

describe('presence and the directory', () => {
  it('lists the tenant’s colleagues who have a SIP address, never the asker, never another tenant', async () => {
    const directory = await directoryOf(one, agent);
    const names = directory.colleagues.map((c) => c.username);
    expect(names).toEqual(expect.arrayContaining(['agent2', 'supervisor']));
    expect(names).not.toContain('agent');
    // Technicians and the admin have no SIP account: nothing to transfer to.
    expect(names).not.toContain('tech');
    expect(JSON.stringify(directory)).not.toContain('Alice');
    expect(JSON.stringify(directory)).not.toContain('sip-'); // no SIP password ever
    const acme = await directoryOf(one, acmeAgent);
    expect(acme.colleagues.map((c) => c.displayName)).not.toContain('李娜');
  });

  it('gives each colleague his extension, teams and queues, and the departments’ numbers', async () => {
    const lina = await colleague(one, agent, 'agent2');
    expect(lina).toMatchObject({
      displayName: '李娜',
      role: 'agent',
      sipUri: 'sip:agent2@127.0.0.1:5070',
      extension: 'agent2',
      teams: [{ key: 'front_line', labelZh: '一线坐席组', labelEn: 'Front-line agents' }],
    });
    expect(lina.queues.map((q) => q.key)).toEqual(['sales', 'vip']);
    const { departments } = await directoryOf(one, agent);
    expect(departments.find((d) => d.key === 'billing')).toEqual({
      key: 'billing',
      labelEn: 'Billing centre',
      labelZh: '账务中心',
      phone: '+862083886001',
      hoursEn: 'Daily 08:00–22:00',
      hoursZh: '每天 8:00–22:00',
    });
  });

  it('shows a colleague who never reported as offline', async () => {
    expect(await colleague(one, agent, 'supervisor')).toMatchObject({
      presence: 'offline',
      reasonCode: null,
      since: null,
    });
  });

  it('serves through one server process what another was told', async () => {
    const answer = await report(one, agent2, { state: 'ready' });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(PresenceLeaseSchema.parse(answer.json()).leaseSeconds).toBe(90);
    expect(await colleague(two, agent, 'agent2')).toMatchObject({ presence: 'ready' });

    await report(two, agent2, { state: 'not_ready', reasonCode: 'lunch' });
    expect(await colleague(one, agent, 'agent2')).toMatchObject({
      presence: 'not_ready',
      reasonCode: 'lunch',
    });
    for (const state of ['talking', 'wrap_up', 'logged_out'] as const) {
      expect((await report(one, agent2, { state })).statusCode).toBe(200);
      expect(await colleague(two, supervisor, 'agent2')).toMatchObject({
        presence: state,
        reasonCode: null,
      });
    }
  });

  it('keeps when a state began across renewals, and starts it anew after a change', async () => {
    await report(one, agent2, { state: 'talking' });
    const first = await colleague(one, agent, 'agent2');
    await report(two, agent2, { state: 'talking' });
    const renewed = await colleague(one, agent, 'agent2');
    expect(renewed.since).toBe(first.since);
    await report(one, agent2, { state: 'wrap_up' });
    await report(one, agent2, { state: 'talking' });
    const again = await colleague(one, agent, 'agent2');
    expect(again.since).not.toBe(first.since);
  });

  it('marks an agent offline once his lease runs out, whatever he said last', async () => {
    await report(one, agent2, { state: 'ready' });
    // The core stopped renewing: move the lease into the past instead of waiting for it.
    await one.db
      .update(agentPresence)
      .set({ leaseExpiresAt: sql`now() - interval '1 second'` })
      .where(eq(agentPresence.userId, agent2.user.id));
    expect(await colleague(two, agent, 'agent2')).toMatchObject({
      presence: 'offline',
      since: null,
    });
    const before = await one.db
      .select({ since: agentPresence.stateSince })
      .from(agentPresence)
      .where(eq(agentPresence.userId, agent2.user.id));
    await report(one, agent2, { state: 'ready' });
    const back = await colleague(two, agent, 'agent2');
    expect(back.presence).toBe('ready');
    // Back after a gap: the same state counts from his return, not from before he vanished.
    expect(back.since).not.toBe(before[0]?.since.toISOString());
  });

  it('has the database refuse a state outside the reported ones, whoever writes it', async () => {
    await expect(
      one.db.execute(
        sql`update agent_presence set state = 'offline' where user_id = ${agent2.user.id}`,
      ),
    ).rejects.toThrow();
  });

  it('refuses technicians both the report and the directory (403)', async () => {
    const put = await report(one, tech, { state: 'ready' });
    expect(put.statusCode).toBe(403);
    expect(errorCode(put.body)).toBe('forbidden');
    const get = await one.app.inject({
      method: 'GET',
      url: '/api/directory',
      headers: bearer(tech.accessToken),
    });
    expect(get.statusCode).toBe(403);
    expect(get.body).not.toContain('李娜');
  });

  it.each([
    ['no token', {}],
    ['a forged token', { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' }],
    ['another scheme', { authorization: 'Basic YWdlbnQ6c3dpdGNoYm9hcmQtZGVtbw==' }],
  ])('answers 401 with %s', async (_what, headers) => {
    const get = await one.app.inject({ method: 'GET', url: '/api/directory', headers });
    expect(get.statusCode).toBe(401);
    const put = await one.app.inject({
      method: 'PUT',
      url: '/api/me/presence',
      headers,
      payload: { state: 'ready' },
    });
    expect(put.statusCode).toBe(401);
  });

  it.each([
    ['an unknown state', { state: 'on_fire' }],
    ['offline, which only the server decides', { state: 'offline' }],
    ['a reason with ready', { state: 'ready', reasonCode: 'lunch' }],
    ['a reason too long', { state: 'not_ready', reasonCode: 'x'.repeat(33) }],
    ['a reason with markup', { state: 'not_ready', reasonCode: '<script>' }],
    ['another user named', { state: 'ready', userId: '00000000-0000-4000-8000-000000000000' }],
    ['a lease of its own', { state: 'ready', leaseSeconds: 999999 }],
    ['an array', [{ state: 'ready' }]],
    ['a number', 42],
    ['a prototype pollution attempt', JSON.parse('{"state":"ready","__proto__":{"x":1}}')],
  ])('refuses %s (400) and keeps the last good report', async (_what, payload) => {
    await report(one, agent2, { state: 'wrap_up' });
    const response = await report(one, agent2, payload);
    expect(response.statusCode, response.body).toBe(400);
    expect(errorCode(response.body)).toBe('bad_request');
    expect((await colleague(one, agent, 'agent2')).presence).toBe('wrap_up');
  });

  it('refuses an oversized report (413) and a directory query with parameters (400)', async () => {
    const huge = await report(one, agent2, { state: 'ready', pad: 'x'.repeat(100 * 1024) });
    expect(huge.statusCode).toBe(413);
    const query = await one.app.inject({
      method: 'GET',
      url: `/api/directory?tenantId=${acmeAgent.user.tenantId}`,
      headers: bearer(agent.accessToken),
    });
    expect(query.statusCode).toBe(400);
  });

  it('stops listing a disabled colleague and refuses his still-valid token’s reports', async () => {
    await one.db.update(users).set({ disabled: true }).where(eq(users.id, supervisor.user.id));
    try {
      const names = (await directoryOf(two, agent)).colleagues.map((c) => c.username);
      expect(names).not.toContain('supervisor');
      const put = await report(one, supervisor, { state: 'ready' });
      expect(put.statusCode).toBe(401);
    } finally {
      await one.db.update(users).set({ disabled: false }).where(eq(users.id, supervisor.user.id));
    }
  });

  it('serves a display name with markup as data, unchanged (the renderer shows it as text)', async () => {
    await one.db
      .update(users)
      .set({ displayName: '<img src=x onerror=alert(1)>' })
      .where(eq(users.id, agent2.user.id));
    try {
      const lina = (await directoryOf(one, agent)).colleagues.find(
        (c): c is DirectoryColleague => c.userId === agent2.user.id,
      );
      expect(lina?.displayName).toBe('<img src=x onerror=alert(1)>');
    } finally {
      await one.db.update(users).set({ displayName: '李娜' }).where(eq(users.id, agent2.user.id));
    }
  });
});
