import { describe, expect, it, vi } from 'vitest';
import type { CtiEvent, CtiLink, CtiListener } from '../cti/cti-link.js';
import { AgentSession, type TimerPort } from './agent-session.js';
import type { InteractionRecord, WrapUpMode } from './agent-types.js';

/** A CtiLink double: records commands, lets the test push engine events. */
function fakeLink() {
  const listeners = new Set<CtiListener>();
  const calls: string[] = [];
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push(`${name}(${args.map((a) => JSON.stringify(a)).join(',')})`);
    };
  const link: CtiLink = {
    capabilities: { blindTransfer: true, attendedTransfer: false, conference: false },
    start: async () => undefined,
    stop: async () => undefined,
    on: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    answer: record('answer'),
    reject: record('reject'),
    hangUp: record('hangUp'),
    hold: record('hold'),
    retrieve: record('retrieve'),
    mute: record('mute'),
    sendDtmf: record('sendDtmf'),
    makeCall: async (t) => {
      calls.push(`makeCall("${t}")`);
      return 'o1';
    },
    blindTransfer: record('blindTransfer'),
    consultTransfer: async (c, e) => {
      calls.push(`consultTransfer("${c}","${e}")`);
      return { heldCallId: c, consultCallId: 'x1' };
    },
    completeConsultTransfer: record('complete'),
    returnFromConsult: record('return'),
    conference: record('conference'),
  };
  const emit = (event: CtiEvent) => listeners.forEach((l) => l(event));
  return { link, calls, emit };
}

/** Manual timers: the test decides when time passes. */
function manualTimers() {
  const pending = new Map<number, { ms: number; fire: () => void }>();
  let next = 1;
  const port: TimerPort = {
    set: (ms, fire) => {
      pending.set(next, { ms, fire });
      return next++;
    },
    clear: (handle) => pending.delete(handle as number),
  };
  return { port, pending, fireAll: () => [...pending.values()].forEach((p) => p.fire()) };
}

function setup(mode: WrapUpMode = { kind: 'optional' }, write?: (r: InteractionRecord) => void) {
  const fake = fakeLink();
  const timers = manualTimers();
  let now = 0;
  const records: InteractionRecord[] = [];
  const session = new AgentSession({
    link: fake.link,
    wrapUpMode: mode,
    now: () => now,
    timers: timers.port,
    sink: { write: write ?? ((r) => void records.push(r)) },
  });
  session.login();
  session.setReady();
  const at = (t: number) => {
    now = t;
  };
  return { ...fake, timers, session, records, at };
}

const peer = { uri: 'sip:5551234@h', number: '5551234' };

describe('AgentSession', () => {
  it('refuses hold with no call without asking the engine', async () => {
    const { session, calls } = setup();
    await expect(session.hold()).rejects.toMatchObject({
      name: 'AgentCommandError',
      code: 'no-active-call',
    });
    expect(calls).toEqual([]);
  });

  it('routes commands to the right call', async () => {
    const { session, calls, emit } = setup();
    emit({ type: 'offered', callId: 'c7', direction: 'inbound', peer });
    await session.answer();
    emit({ type: 'established', callId: 'c7' });
    await session.hold();
    emit({ type: 'held', callId: 'c7' });
    await expect(session.sendDtmf('1')).rejects.toMatchObject({ code: 'no-active-call' });
    await session.retrieve();
    expect(calls).toEqual(['answer("c7")', 'hold("c7")', 'retrieve("c7")']);
  });

  it('applies the default disposition when the wrap-up timer fires', () => {
    const { session, emit, timers, records, at } = setup({
      kind: 'timed',
      timeoutMs: 15_000,
      defaultDisposition: 'auto',
    });
    emit({ type: 'offered', callId: 'c1', direction: 'inbound', peer });
    emit({ type: 'established', callId: 'c1' });
    at(5_000);
    emit({ type: 'cleared', callId: 'c1', reason: 'remote-hangup', detail: '' });
    expect(session.status).toBe('wrap-up');
    expect([...timers.pending.values()].map((p) => p.ms)).toEqual([15_000]);
    at(20_000);
    timers.fireAll();
    expect(session.status).toBe('ready');
    expect(records[0]).toMatchObject({
      disposition: 'auto',
      dispositionSource: 'timeout',
      talkMs: 5_000,
      wrapUpEndedAt: 20_000,
    });
  });

  it('cancels the wrap-up timer when the agent finishes first', () => {
    const { session, emit, timers } = setup({
      kind: 'timed',
      timeoutMs: 1,
      defaultDisposition: 'x',
    });
    emit({ type: 'originated', callId: 'o1', direction: 'outbound', peer });
    emit({ type: 'cleared', callId: 'o1', reason: 'busy', detail: '486 Busy Here' });
    session.completeWrapUp({ disposition: 'callback' });
    expect(timers.pending.size).toBe(0);
  });

  it('keeps a record the sink refused, and retries it with the next one', () => {
    const write = vi.fn().mockImplementationOnce(() => {
      throw new Error('disk full');
    });
    const { session, emit } = setup({ kind: 'optional' }, write);
    emit({ type: 'offered', callId: 'c1', direction: 'inbound', peer });
    emit({ type: 'cleared', callId: 'c1', reason: 'remote-hangup', detail: '' });
    expect(session.unsaved.map((r) => r.callId)).toEqual(['c1']);
    emit({ type: 'offered', callId: 'c2', direction: 'inbound', peer });
    emit({ type: 'cleared', callId: 'c2', reason: 'remote-hangup', detail: '' });
    expect(session.unsaved).toEqual([]);
    expect(write.mock.calls.map(([r]) => (r as InteractionRecord).callId)).toEqual([
      'c1',
      'c1',
      'c2',
    ]);
  });

  it('says conference is not supported without an engine round trip', async () => {
    const { session, emit, calls } = setup();
    emit({ type: 'offered', callId: 'c1', direction: 'inbound', peer });
    emit({ type: 'established', callId: 'c1' });
    await session.consultTransfer('expert');
    emit({ type: 'held', callId: 'c1' });
    emit({ type: 'originated', callId: 'x1', direction: 'outbound', peer });
    emit({ type: 'established', callId: 'x1' });
    expect(session.status).toBe('consulting');
    await expect(session.conference()).rejects.toMatchObject({ code: 'not-supported' });
    await session.returnFromConsult();
    expect(calls).toEqual([
      'consultTransfer("c1","expert")',
      'return({"heldCallId":"c1","consultCallId":"x1"})',
    ]);
  });
});
