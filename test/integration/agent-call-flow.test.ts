import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentSnapshot, ScreenPop } from '../../src-shared/domain/agent';
import type { CustomerSummary } from '../../src-shared/domain/customer';
import { AgentSession } from '../../src-main/agent/agent-session';
import { createCore, type Core } from '../../src-main/core/core';
import type { CoreEventListener } from '../../src-main/core/core-events';
import { openReplica, type ReplicaDatabase } from '../../src-main/replica/open-replica';
import { MemoryTokenVault } from '../../src-main/core/token-vault';
import { useTestServer } from '../../src-server/test-support/test-server';
import { startTestEngine, type TestEngine } from '../sip/harness/engine';
import { killAllSipp, startSipp } from '../sip/harness/sipp';

// The whole agent path with real parts: a SIPp customer calls a real baresip driven by our
// provider; the core (call model, screen pop, contract dispatcher) looks the caller up on the
// real central server; the call ends in wrap-up and a journaled interaction record.
const server = useTestServer({ demoSize: 120 });
let serverUrl: string;
let engine: TestEngine | undefined;
let core: Core | undefined;
let replica: ReplicaDatabase | undefined;

beforeAll(async () => {
  serverUrl = await server().app.listen({ host: '127.0.0.1', port: 0 });
});

afterEach(async () => {
  killAllSipp();
  await core?.dispose();
  await replica?.close();
  await engine?.dispose();
  replica = undefined;
  core = undefined;
  engine = undefined;
});

type Seen = { event: string; payload: unknown };

async function startAgentCore(): Promise<{
  core: Core;
  seen: Seen[];
  journal: string;
  replica: ReplicaDatabase;
}> {
  engine = await startTestEngine();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sb-agent-'));
  replica = await openReplica({ dataDir: path.join(dataDir, 'replica') });
  const wrapUpMode = { kind: 'mandatory' } as const;
  core = createCore({
    version: 'test',
    dataDir,
    serverUrl,
    tokenVault: new MemoryTokenVault(),
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    replica,
    createTelephony: (sink) => ({
      link: engine!.link,
      session: new AgentSession({ link: engine!.link, sink, wrapUpMode }),
    }),
  });
  const seen: Seen[] = [];
  const record: CoreEventListener = (event, payload) => seen.push({ event, payload });
  core.events.subscribe(record);
  return { core, seen, journal: path.join(dataDir, 'interactions.jsonl'), replica };
}

async function call<T>(target: Core, command: string, args: unknown = {}): Promise<T> {
  const outcome = await target.dispatch(command, args);
  if (!outcome.ok) throw new Error(`${command}: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.result as T;
}

async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const lastSnapshot = (seen: Seen[]) =>
  seen.filter((entry) => entry.event === 'agent.changed').at(-1)?.payload as
    AgentSnapshot | undefined;

describe('an agent takes a call end to end', () => {
  it('pops the right customer before answer, controls the call, wraps up and records it', async () => {
    const { core, seen, journal, replica } = await startAgentCore();
    await call(core, 'session.login', {
      tenant: 'demo',
      username: 'agent',
      password: 'switchboard-demo',
    });
    const mobileCustomer = (
      await call<{ items: CustomerSummary[] }>(core, 'customers.search', { q: '', limit: 100 })
    ).items.find((customer) => customer.phones.some((phone) => /^\+861\d{10}$/.test(phone)))!;
    const mobile = mobileCustomer.phones.find((phone) => /^\+861\d{10}$/.test(phone))!;
    const nationalNumber = mobile.slice(3); // what a Chinese caller id carries: 1xxxxxxxxxx

    expect((await call<AgentSnapshot>(core, 'agent.setReady')).status).toBe('ready');
    const customer = await startSipp({
      scenario: 'customer-held-and-resumed.xml',
      target: `127.0.0.1:${engine!.sipPort}`,
      keys: { caller: nationalNumber },
      rtpEcho: true,
    });

    const pop = await until(
      () =>
        seen.find((entry) => entry.event === 'call.screenPop')?.payload as ScreenPop | undefined,
      'screen pop',
    );
    expect(pop.e164).toBe(mobile);
    expect(pop.customer?.id).toBe(mobileCustomer.id);
    // The pop arrived while the call was still ringing, before anyone answered.
    expect(lastSnapshot(seen)?.status).toBe('offered');

    const answered = await call<AgentSnapshot>(core, 'call.answer');
    expect(answered.calls[0]?.peerNumber).toBe(nationalNumber);
    await until(() => (lastSnapshot(seen)?.status === 'talking' ? true : undefined), 'talking');
    await call(core, 'call.hold');
    await until(() => (lastSnapshot(seen)?.status === 'held' ? true : undefined), 'held');
    const refused = await core.dispatch('call.hold', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    await call(core, 'call.retrieve');
    await until(() => (lastSnapshot(seen)?.status === 'talking' ? true : undefined), 'resumed');
    await call(core, 'call.hangUp');
    await until(() => (lastSnapshot(seen)?.status === 'wrap-up' ? true : undefined), 'wrap-up');

    // Mandatory wrap-up: no way back to ready without a disposition.
    const withoutCode = await core.dispatch('wrapUp.complete', { next: { status: 'ready' } });
    expect(withoutCode).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    const done = await call<AgentSnapshot>(core, 'wrapUp.complete', {
      disposition: 'resolved',
      notes: '客户咨询账单',
      next: { status: 'ready' },
    });
    expect(done.status).toBe('ready');
    expect((await customer.done).code).toBe(0);

    // The record is written (and fsynced) as the wrap-up completes, asynchronously.
    let text = '';
    for (let attempt = 0; attempt < 200 && !text; attempt++) {
      text = await readFile(journal, 'utf8').catch(() => '');
      if (!text) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const lines = text.trim().split('\n');
    const interaction = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    expect(interaction).toMatchObject({
      direction: 'inbound',
      peerNumber: nationalNumber,
      disposition: 'resolved',
      notes: '客户咨询账单',
      abandoned: false,
      clearReason: 'local-hangup',
    });
    expect(interaction.holdMs).toBeGreaterThan(0);
    // …and the interaction document in the replica, linked to the customer the pop found.
    const documents = await replica.interactions.find().exec();
    expect(documents.map((document) => document.toJSON())).toEqual([
      expect.objectContaining({
        direction: 'inbound',
        customerId: mobileCustomer.id,
        remoteNumber: mobile,
        disposition: 'resolved',
        notes: '客户咨询账单',
        serverSeq: 0,
      }),
    ]);
  });

  it('without a softphone engine, call commands are refused as unavailable', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sb-agent-'));
    core = createCore({
      version: 'test',
      dataDir,
      serverUrl,
      tokenVault: new MemoryTokenVault(),
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    expect((await call<AgentSnapshot>(core, 'agent.get')).telephony).toBe(false);
    expect(await core.dispatch('call.answer', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });
});
