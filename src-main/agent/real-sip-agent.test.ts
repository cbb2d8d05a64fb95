import { afterEach, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../test/sip/harness/engine.js';
import { waitForAgent } from '../../test/sip/harness/agent-wait.js';
import { killAllSipp, startSipp } from '../../test/sip/harness/sipp.js';
import { AgentSession } from './agent-session.js';
import type { AgentModel, InteractionRecord, WrapUpMode } from './agent-types.js';

let engine: TestEngine | undefined;
let session: AgentSession | undefined;

afterEach(async () => {
  killAllSipp();
  session?.dispose();
  await engine?.dispose();
  engine = undefined;
  session = undefined;
});

async function agentOnRealEngine(mode: WrapUpMode = { kind: 'optional' }) {
  engine = await startTestEngine();
  const records: InteractionRecord[] = [];
  const s = new AgentSession({
    link: engine.link,
    wrapUpMode: mode,
    sink: { write: (r) => void records.push(r) },
  });
  session = s;
  s.login();
  s.setReady();
  const until = (what: string, ok: (m: AgentModel) => boolean) => waitForAgent(s, what, ok);
  return { engine, session: s, records, until };
}

describe('agent call model on a real engine and a real SIPp customer', () => {
  it('goes offered → talking → held → talking → wrap-up and records the interaction', async () => {
    const { engine, session, records, until } = await agentOnRealEngine({ kind: 'mandatory' });
    const customer = await startSipp({
      scenario: 'customer-held-and-resumed.xml',
      target: `127.0.0.1:${engine.sipPort}`,
      keys: { caller: '5551234' },
      rtpEcho: true,
    });
    await until('offered', () => session.status === 'offered');
    expect(session.model.calls[0]?.peer.number).toBe('5551234');
    await expect(session.hold()).rejects.toMatchObject({ code: 'no-active-call' });
    await session.answer();
    await until('talking', () => session.status === 'talking');
    await session.hold();
    expect(session.status).toBe('held');
    await session.retrieve();
    expect(session.status).toBe('talking');
    await session.sendDtmf('7');
    await engine.waitFor('dtmf', (e) => e.digit === '7'); // echoed back by SIPp's RTP echo
    await session.hangUp();
    await until('wrap-up', () => session.status === 'wrap-up');
    expect(() => session.completeWrapUp()).toThrow(/disposition/);
    session.completeWrapUp({ disposition: 'resolved', notes: 'billing question' });
    expect(session.status).toBe('ready');

    const result = await customer.done; // SIPp saw sendonly, then sendrecv, then our BYE
    expect(result.code, result.output).toBe(0);
    expect(records).toHaveLength(1);
    const record = records[0]!;
    expect(record).toMatchObject({
      direction: 'inbound',
      role: 'primary',
      peerNumber: '5551234',
      peerName: 'Customer',
      clearReason: 'local-hangup',
      abandoned: false,
      engineFailure: false,
      disposition: 'resolved',
      dispositionSource: 'agent',
      notes: 'billing question',
    });
    expect(record.sipCallId).toBeTruthy();
    expect(record.answeredAt).toBeGreaterThanOrEqual(record.startedAt);
    expect(record.endedAt).toBeGreaterThanOrEqual(record.answeredAt!);
    expect(record.talkMs + record.holdMs).toBe(record.endedAt - record.answeredAt!);
  });

  it('records a caller who hangs up while ringing as abandoned', async () => {
    const { engine, session, records, until } = await agentOnRealEngine();
    const customer = await startSipp({
      scenario: 'customer-abandons.xml',
      target: `127.0.0.1:${engine.sipPort}`,
      keys: { caller: '5557777' },
    });
    await until('record', () => records.length === 1);
    expect(records[0]).toMatchObject({
      peerNumber: '5557777',
      abandoned: true,
      clearReason: 'remote-hangup',
      talkMs: 0,
    });
    expect(session.status).toBe('ready');
    const result = await customer.done;
    expect(result.code, result.output).toBe(0);
  });

  it('reports and records a call lost to an engine SIGKILL, then takes calls again', async () => {
    const { engine, session, until } = await agentOnRealEngine();
    await startSipp({
      scenario: 'customer-held-and-resumed.xml',
      target: `127.0.0.1:${engine.sipPort}`,
      keys: { caller: '5553333' },
    });
    await until('offered', () => session.status === 'offered');
    await session.answer();
    await until('talking', () => session.status === 'talking');
    const firstPid = engine.link.enginePid;
    process.kill(firstPid!, 'SIGKILL');

    const model = await until('wrap-up', () => session.status === 'wrap-up');
    expect(model.wrapUp?.draft).toMatchObject({
      peerNumber: '5553333',
      engineFailure: true,
      clearReason: 'engine-failure',
    });
    expect(model.engineFailures.some((f) => f.callIds.length === 1)).toBe(true);
    expect(engine.events.find((e) => e.type === 'engine' && e.state === 'down')).toMatchObject({
      detail: expect.stringContaining('SIGKILL'),
    });

    // The supervisor restarts the engine; a new customer reaches the agent again.
    await until('engine up', (m) => m.engine === 'up');
    expect(engine.link.enginePid).not.toBe(firstPid);
    session.completeWrapUp();
    const second = await startSipp({
      scenario: 'customer-abandons.xml',
      target: `127.0.0.1:${engine.sipPort}`,
      keys: { caller: '5554444' },
    });
    const result = await second.done;
    expect(result.code, result.output).toBe(0);
    expect(engine.events.filter((e) => e.type === 'offered')).toHaveLength(2);
  });

  it('places an outbound call to a busy line and wraps it up with the outcome', async () => {
    const { engine, session, records, until } = await agentOnRealEngine({
      kind: 'timed',
      timeoutMs: 60_000,
      defaultDisposition: 'no-disposition',
    });
    const busy = await startSipp({ scenario: 'busy-line.xml' });
    await session.makeCall(busy.uri('5550000'));
    expect(session.status).toBe('dialing');
    await expect(session.makeCall(busy.uri('5550001'))).rejects.toMatchObject({ code: 'busy' });
    const model = await until('wrap-up', () => session.status === 'wrap-up');
    expect(model.wrapUp?.draft).toMatchObject({
      direction: 'outbound',
      peerNumber: '5550000',
      clearReason: 'busy',
      sipStatus: 486,
      talkMs: 0,
    });
    session.completeWrapUp({ disposition: 'call-back-later' });
    expect(records[0]).toMatchObject({ disposition: 'call-back-later', clearReason: 'busy' });
    expect((await busy.done).code).toBe(0);
    expect(engine.events.some((e) => e.type === 'established')).toBe(false);
  });
});
