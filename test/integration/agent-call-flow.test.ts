import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentSnapshot, ScreenPop } from '../../src-shared/domain/agent';
import type { CustomerSummary } from '../../src-shared/domain/customer';
import { createCore } from '../../src-main/core/core';
import { MemoryTokenVault } from '../../src-main/core/token-vault';
import { freePortBlock } from '../sip/harness/ports';
import { startSipp } from '../sip/harness/sipp';
import { DEMO_AGENT, call, until, useAgentCore } from './support/agent-core';

// The whole agent path with real parts: a SIPp customer calls a real baresip driven by our
// provider; the core (call model, screen pop, contract dispatcher) looks the caller up on the
// real central server; the call ends in wrap-up, a journaled record and a replica document.
const agents = useAgentCore();

describe('an agent takes a call end to end', () => {
  it('pops the right customer before answer, controls the call, wraps up and records it', async () => {
    const { core, engine, dataDir, replica, seen, status } = await agents.start({
      wrapUpMode: { kind: 'mandatory' },
      withReplica: true,
    });
    await call(core, 'session.login', DEMO_AGENT);
    const isMobile = (phone: string) => /^\+861\d{10}$/.test(phone);
    const { items } = await call<{ items: CustomerSummary[] }>(core, 'customers.search', {
      q: '',
      limit: 100,
    });
    const customer = items.find((candidate) => candidate.phones.some(isMobile))!;
    const mobile = customer.phones.find(isMobile)!;
    const nationalNumber = mobile.slice(3); // what a Chinese caller id carries: 1xxxxxxxxxx

    expect((await call(core, 'agent.setReady')).status).toBe('ready');
    const caller = await startSipp({
      scenario: 'customer-held-and-resumed.xml',
      target: `127.0.0.1:${engine.sipPort}`,
      keys: { caller: nationalNumber },
      rtpEcho: true,
    });

    await until(() => seen.some((entry) => entry.event === 'call.screenPop'), 'screen pop');
    const pop = seen.find((entry) => entry.event === 'call.screenPop')!.payload as ScreenPop;
    expect(pop.e164).toBe(mobile);
    expect(pop.customer?.id).toBe(customer.id);
    // The pop arrived while the call was still ringing, before anyone answered.
    expect(status()).toBe('offered');

    const answered = await call(core, 'call.answer');
    expect(answered.calls[0]?.peerNumber).toBe(nationalNumber);
    await until(() => status() === 'talking', 'talking');
    await call(core, 'call.hold');
    await until(() => status() === 'held', 'held');
    expect(await core.dispatch('call.hold', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_state' },
    });
    await call(core, 'call.retrieve');
    await until(() => status() === 'talking', 'resumed');
    // baresip 1.0 has no conference command and no audio mixer: refused, the call unharmed.
    expect(await core.dispatch('call.conference', {})).toMatchObject({
      ok: false,
      error: { code: 'not_supported', message: expect.stringContaining('three-party') },
    });
    expect(status()).toBe('talking');
    // DTMF through the contract reaches the customer (SIPp echoes the RTP events back).
    await call(core, 'call.sendDtmf', { digits: '7' });
    await engine.waitFor('dtmf', (event) => event.digit === '7');
    await call(core, 'call.hangUp');
    await until(() => status() === 'wrap-up', 'wrap-up');

    // Mandatory wrap-up: no way back to ready without a disposition.
    expect(await core.dispatch('wrapUp.complete', { next: { status: 'ready' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_state' },
    });
    const done = await call(core, 'wrapUp.complete', {
      disposition: 'resolved',
      notes: '客户咨询账单',
      next: { status: 'ready' },
    });
    expect(done.status).toBe('ready');
    expect((await caller.done).code).toBe(0);

    // The record is written (and fsynced) as the wrap-up completes, asynchronously.
    const journal = path.join(dataDir, 'interactions.jsonl');
    let text = '';
    for (let attempt = 0; attempt < 200 && !text; attempt++) {
      text = await readFile(journal, 'utf8').catch(() => '');
      if (!text) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const interaction = JSON.parse(text.trim().split('\n').at(-1)!) as Record<string, unknown>;
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
    // (Sync also brings the demo history down, so look for this call's document.)
    // The journal is written (and fsynced) first, the replica document right after it.
    const find = () =>
      replica!.interactions
        .find({ selector: { customerId: customer.id, channel: 'voice', remoteNumber: mobile } })
        .exec();
    let documents = await find();
    for (let attempt = 0; attempt < 200 && documents.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      documents = await find();
    }
    expect(documents.map((document) => document.toJSON())).toEqual([
      expect.objectContaining({
        direction: 'inbound',
        customerId: customer.id,
        remoteNumber: mobile,
        disposition: 'resolved',
        notes: '客户咨询账单',
        // The agent hung up; the call was held once: the journal's figures, in the document.
        endReason: 'local-hangup',
        abandoned: false,
        talkMs: interaction.talkMs,
        holdMs: interaction.holdMs,
      }),
    ]);
    const document = documents[0]!.toJSON();
    expect(document.holdMs).toBeGreaterThan(0);
    expect(document.talkMs + document.holdMs).toBe(document.endedAt - document.answeredAt);
  });

  it('records a caller who hangs up while ringing as abandoned, in the replica', async () => {
    const { core, engine, replica, seen } = await agents.start({
      wrapUpMode: { kind: 'mandatory' },
      withReplica: true,
    });
    await call(core, 'session.login', DEMO_AGENT);
    await call(core, 'agent.setReady');
    const caller = await startSipp({
      scenario: 'customer-abandons.xml',
      target: `127.0.0.1:${engine.sipPort}`,
      keys: { caller: '13800009999' },
    });
    expect((await caller.done).code).toBe(0);
    await until(() => seen.some((entry) => entry.event === 'call.screenPop'), 'screen pop');
    const find = () =>
      replica!.interactions.find({ selector: { remoteNumber: '+8613800009999' } }).exec();
    let documents = await find();
    for (let attempt = 0; attempt < 200 && documents.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      documents = await find();
    }
    expect(documents.map((document) => document.toJSON())).toEqual([
      expect.objectContaining({
        direction: 'inbound',
        answeredAt: 0,
        talkMs: 0,
        holdMs: 0,
        endReason: 'remote-hangup',
        abandoned: true,
        disposition: '',
      }),
    ]);
    // A missed call needs no wrap-up: the agent is ready for the next one at once.
    expect((await call(core, 'agent.get')).status).toBe('ready');
  });

  it('records outbound calls to a busy line and to an unreachable number with their outcome', async () => {
    const { core, replica, status } = await agents.start({
      wrapUpMode: { kind: 'optional' },
      withReplica: true,
    });
    await call(core, 'session.login', DEMO_AGENT);
    await call(core, 'agent.setReady');
    const busy = await startSipp({ scenario: 'busy-line.xml' });
    await call(core, 'call.dial', { target: busy.uri('13800001111') });
    await until(() => status() === 'wrap-up', 'wrap-up after busy');
    await call(core, 'wrapUp.complete', { disposition: 'no_answer', next: { status: 'ready' } });
    expect((await busy.done).code).toBe(0);
    // Nothing listens on this port: baresip would wait 32 s; the link gives up after its
    // setup timeout and calls it unreachable.
    const nowhere = await freePortBlock(1);
    await call(core, 'call.dial', { target: `sip:13800002222@127.0.0.1:${nowhere}` });
    await until(() => status() === 'wrap-up', 'wrap-up after unreachable');
    await call(core, 'wrapUp.complete', { next: { status: 'ready' } });

    const outcome = async (number: string) => {
      for (let attempt = 0; attempt < 200; attempt++) {
        const [found] = await replica!.interactions
          .find({ selector: { remoteNumber: number } })
          .exec();
        if (found) return found.toJSON();
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`no interaction for ${number}`);
    };
    expect(await outcome('+8613800001111')).toMatchObject({
      direction: 'outbound',
      endReason: 'busy',
      talkMs: 0,
      abandoned: false,
      disposition: 'no_answer',
    });
    expect(await outcome('+8613800002222')).toMatchObject({
      direction: 'outbound',
      endReason: 'unreachable',
      answeredAt: 0,
      talkMs: 0,
      abandoned: false,
    });
  });

  it('without a softphone engine, call commands are refused as unavailable', async () => {
    const core = createCore({
      version: 'test',
      dataDir: await mkdtemp(path.join(tmpdir(), 'sb-agent-')),
      serverUrl: 'http://127.0.0.1:9',
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
