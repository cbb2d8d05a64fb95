import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentSnapshot } from '../../src-shared/domain/agent';
import { createCore, type Core } from '../../src-main/core/core';
import { telephonyFromEnvironment } from '../../src-main/core/telephony';
import { MemoryTokenVault } from '../../src-main/core/token-vault';
import { sipAccounts, users } from '../../src-server/db/schema';
import { useTestServer } from '../../src-server/test-support/test-server';
import { freePortBlock } from '../sip/harness/ports';
import { killAllSipp, startSipp } from '../sip/harness/sipp';
import { DEMO_AGENT, call, until } from './support/agent-core';

// The desktop's softphone takes the signed-in user's SIP account from the central server
// (GET /api/me/sip-account), as the host and the Electron app build it: telephonyFromEnvironment
// with engine ports but no SWITCHBOARD_SIP_AOR. Real server, real baresip, real SIPp callers.
const server = useTestServer({ demoSize: 5 });
let serverUrl = '';
let running: { core: Core; logs: string[] } | undefined;

beforeAll(async () => {
  serverUrl = await server().app.listen({ host: '127.0.0.1', port: 0 });
});

afterEach(async () => {
  killAllSipp();
  await running?.core.dispose();
  running = undefined;
});

async function desktop(extra: Record<string, string> = {}) {
  const rtp = await freePortBlock(10);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sb-sip-account-'));
  const environment = {
    SWITCHBOARD_SIP_PORT: String(await freePortBlock(2)),
    SWITCHBOARD_ENGINE_CTRL_PORT: String(await freePortBlock(1)),
    SWITCHBOARD_RTP_PORTS: `${rtp}-${rtp + 9}`,
    ...extra,
  };
  const logs: string[] = [];
  const log = (message: string, detail?: unknown) =>
    void logs.push(detail === undefined ? message : `${message} ${String(detail)}`);
  const core = createCore({
    version: 'test',
    dataDir,
    serverUrl,
    tokenVault: new MemoryTokenVault(),
    logger: { info: log, warn: log, error: log },
    createTelephony: (sink) => telephonyFromEnvironment(environment, dataDir, sink),
  });
  const snapshots: AgentSnapshot[] = [];
  core.events.subscribe((event, payload) => {
    if (event === 'agent.changed') snapshots.push(payload as AgentSnapshot);
  });
  running = { core, logs };
  await core.start();
  /** Has the agent been offered a call (a customer who abandons is offered only briefly)? */
  const offered = () => snapshots.some((snapshot) => snapshot.status === 'offered');
  return { core, logs, sipPort: Number(environment.SWITCHBOARD_SIP_PORT), offered, snapshots };
}

/** Points a demo user's server-side account at this test's engine port. */
async function accountAt(username: string, sipPort: number): Promise<void> {
  const [user] = await server()
    .db.select({ id: users.id })
    .from(users)
    .where(eq(users.username, username));
  await server()
    .db.update(sipAccounts)
    .set({ aor: `sip:${username}@127.0.0.1:${sipPort}` })
    .where(eq(sipAccounts.userId, user!.id));
}

async function ring(sipPort: number, scenario: string, keys: Record<string, string>) {
  const caller = await startSipp({ scenario, target: `127.0.0.1:${sipPort}`, keys });
  return caller;
}

describe("the desktop's SIP account comes from the server", () => {
  it('registers the signed-in user, rings for him, and forgets him at sign-out', async () => {
    const { core, logs, sipPort, offered } = await desktop();
    await accountAt('agent', sipPort);
    // Before sign-in the engine has no account: a call for the agent finds nobody.
    const early = await ring(sipPort, 'caller-finds-nobody.xml', {
      caller: '5552000',
      callee: 'agent',
    });
    expect((await early.done).code).toBe(0);

    await call(core, 'session.login', DEMO_AGENT);
    expect((await call(core, 'agent.setReady')).status).toBe('ready');
    const customer = await ring(sipPort, 'customer-abandons.xml', { caller: '5552001' });
    await until(offered, 'the call offered to the signed-in agent');
    expect((await customer.done).code).toBe(0);

    await call(core, 'session.logout');
    const late = await ring(sipPort, 'caller-finds-nobody.xml', {
      caller: '5552002',
      callee: 'agent',
    });
    expect((await late.done).code).toBe(0);
    // The demo password travelled to the engine, never into the core's log.
    expect(logs.join('\n')).not.toContain('sip-agent-demo');
  });

  it('tells a user without an account that he cannot take calls here', async () => {
    const { core, snapshots } = await desktop();
    await call(core, 'session.login', { ...DEMO_AGENT, username: 'tech' });
    expect(await core.dispatch('agent.setReady', {})).toMatchObject({
      ok: false,
      error: {
        code: 'unavailable',
        message: 'no SIP account is set up for this user on the server',
      },
    });
    expect(snapshots.at(-1)).toMatchObject({
      status: 'logged-out',
      accountProblem: 'no SIP account is set up for this user on the server',
    });
    // The next user of the desktop has one: the problem goes with the first.
    await call(core, 'session.logout');
    await call(core, 'session.login', DEMO_AGENT);
    expect((await call(core, 'agent.setReady')).status).toBe('ready');
    expect(snapshots.at(-1)?.accountProblem).toBeUndefined();
  });

  it('keeps SWITCHBOARD_SIP_AOR as an override of the server account', async () => {
    const sipPortHint = await freePortBlock(2);
    const { core, sipPort, offered } = await desktop({
      SWITCHBOARD_SIP_PORT: String(sipPortHint),
      SWITCHBOARD_SIP_AOR: `sip:agent@127.0.0.1:${sipPortHint}`,
    });
    // The server's account for agent2 is elsewhere; the fixed one is used regardless.
    await call(core, 'session.login', { ...DEMO_AGENT, username: 'agent2' });
    await call(core, 'agent.setReady');
    const customer = await ring(sipPort, 'customer-abandons.xml', { caller: '5552003' });
    await until(offered, 'the call offered on the fixed account');
    expect((await customer.done).code).toBe(0);
    const other = await ring(sipPort, 'caller-finds-nobody.xml', {
      caller: '5552004',
      callee: 'agent2',
    });
    expect((await other.done).code).toBe(0);
  });

  it('says clearly when the engine is not installed', async () => {
    const { core, logs } = await desktop({ SWITCHBOARD_ENGINE_PATH: '/nonexistent/baresip' });
    expect(logs.join('\n')).toMatch(/the softphone engine did not start.*baresip-core/);
    await call(core, 'session.login', DEMO_AGENT);
    expect((await call(core, 'agent.get')).engine).not.toBe('up');
  });

  it('refuses malformed settings at start, naming them without their values', () => {
    expect(() =>
      telephonyFromEnvironment(
        { SWITCHBOARD_SIP_AOR: 'sip:agent@host', SWITCHBOARD_SIP_PASSWORD: 'a b;c' },
        tmpdir(),
        { write: () => undefined },
      ),
    ).toThrow(/^telephony settings are invalid: SWITCHBOARD_SIP_password$/);
    expect(() =>
      telephonyFromEnvironment({ SWITCHBOARD_SIP_PORT: '80' }, tmpdir(), {
        write: () => undefined,
      }),
    ).toThrow('telephony settings are invalid: SWITCHBOARD_SIP_PORT');
  });
});
