import { describe, expect, it } from 'vitest';
import type { CtiEvent } from '../cti/cti-link.js';
import { AgentCommandError } from './agent-error.js';
import { initialAgentModel, step } from './agent-machine.js';
import { agentStatus } from './agent-status.js';
import type { AgentEffect, AgentInput, AgentModel, WrapUpMode } from './agent-types.js';

const peer = { uri: 'sip:5551234@127.0.0.1:5090', number: '5551234', displayName: 'Customer' };

/** Drives the pure machine through [time, input] pairs, collecting every effect. */
function run(mode: WrapUpMode, inputs: [number, AgentInput][], start?: AgentModel) {
  let model = start ?? initialAgentModel(mode);
  const effects: AgentEffect[] = [];
  for (const [now, input] of inputs) {
    const result = step(model, input, now);
    model = result.model;
    effects.push(...result.effects);
  }
  return {
    model,
    effects,
    records: effects.flatMap((e) => (e.kind === 'record' ? [e.record] : [])),
  };
}

const cti = (event: CtiEvent): AgentInput => ({ type: 'cti', event });
const ready: [number, AgentInput][] = [
  [0, { type: 'login' }],
  [0, { type: 'set-ready' }],
];
const offered = cti({ type: 'offered', callId: 'c1', sipCallId: 's1', direction: 'inbound', peer });

describe('agent state machine', () => {
  it('logs in as not ready, then ready, then not ready with a reason', () => {
    const a = run({ kind: 'optional' }, [[0, { type: 'login' }]]);
    expect(agentStatus(a.model)).toBe('not-ready');
    const b = run({ kind: 'optional' }, [
      ...ready,
      [1, { type: 'set-not-ready', reasonCode: 'lunch' }],
    ]);
    expect(b.model.presence).toEqual({ kind: 'not-ready', reasonCode: 'lunch' });
    expect(() => step(b.model, { type: 'set-not-ready', reasonCode: ' ' }, 2)).toThrow(
      AgentCommandError,
    );
  });

  it('answers, holds, resumes and hangs up into wrap-up with a correct record', () => {
    const { model, records } = run({ kind: 'optional' }, [
      ...ready,
      [1_000, offered],
      [3_000, cti({ type: 'established', callId: 'c1' })],
      [10_000, cti({ type: 'held', callId: 'c1' })],
      [14_000, cti({ type: 'retrieved', callId: 'c1' })],
      [20_000, cti({ type: 'cleared', callId: 'c1', reason: 'local-hangup', detail: 'bye' })],
    ]);
    expect(agentStatus(model)).toBe('wrap-up');
    expect(records).toEqual([]);
    expect(model.wrapUp?.draft).toMatchObject({
      callId: 'c1',
      sipCallId: 's1',
      direction: 'inbound',
      peerNumber: '5551234',
      peerName: 'Customer',
      startedAt: 1_000,
      answeredAt: 3_000,
      endedAt: 20_000,
      holdMs: 4_000,
      talkMs: 13_000,
      clearReason: 'local-hangup',
      abandoned: false,
    });
    const done = run(
      { kind: 'optional' },
      [[25_000, { type: 'complete-wrap-up', notes: 'asked about invoice' }]],
      model,
    );
    expect(agentStatus(done.model)).toBe('ready');
    expect(done.records[0]).toMatchObject({
      wrapUpEndedAt: 25_000,
      dispositionSource: 'none',
      notes: 'asked about invoice',
    });
  });

  it('tracks each state on the way', () => {
    let model = run({ kind: 'optional' }, ready).model;
    const statuses: string[] = [];
    for (const input of [
      offered,
      cti({ type: 'established', callId: 'c1' }),
      cti({ type: 'held', callId: 'c1' }),
      cti({ type: 'retrieved', callId: 'c1' }),
    ]) {
      model = step(model, input, 1).model;
      statuses.push(agentStatus(model));
    }
    expect(statuses).toEqual(['offered', 'talking', 'held', 'talking']);
  });

  it('records a caller who hangs up while ringing as abandoned, without wrap-up', () => {
    const { model, records } = run({ kind: 'mandatory' }, [
      ...ready,
      [1_000, offered],
      [4_000, cti({ type: 'cleared', callId: 'c1', reason: 'remote-hangup', detail: 'cancel' })],
    ]);
    expect(agentStatus(model)).toBe('ready');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ abandoned: true, talkMs: 0, endedAt: 4_000 });
    expect(records[0]?.answeredAt).toBeUndefined();
  });

  it('mandatory wrap-up refuses to finish without a disposition', () => {
    const { model } = run({ kind: 'mandatory' }, [
      ...ready,
      [1, offered],
      [2, cti({ type: 'established', callId: 'c1' })],
      [3, cti({ type: 'cleared', callId: 'c1', reason: 'remote-hangup', detail: '' })],
    ]);
    expect(() => step(model, { type: 'complete-wrap-up' }, 4)).toThrow(
      expect.objectContaining({ code: 'disposition-required' }),
    );
    const done = step(model, { type: 'complete-wrap-up', disposition: 'resolved' }, 5);
    expect(done.effects).toContainEqual(
      expect.objectContaining({
        kind: 'record',
        record: expect.objectContaining({ disposition: 'resolved', dispositionSource: 'agent' }),
      }),
    );
  });

  it('time-boxed wrap-up asks for a timer and applies the default disposition on timeout', () => {
    const mode: WrapUpMode = { kind: 'timed', timeoutMs: 30_000, defaultDisposition: 'no-code' };
    const { model, effects } = run(mode, [
      ...ready,
      [1, offered],
      [2, cti({ type: 'established', callId: 'c1' })],
      [3, cti({ type: 'cleared', callId: 'c1', reason: 'local-hangup', detail: '' })],
    ]);
    expect(effects).toContainEqual({ kind: 'start-wrap-up-timer', ms: 30_000 });
    const timedOut = step(model, { type: 'wrap-up-timeout' }, 30_003);
    expect(agentStatus(timedOut.model)).toBe('ready');
    expect(timedOut.effects).toContainEqual(
      expect.objectContaining({
        record: expect.objectContaining({ disposition: 'no-code', dispositionSource: 'timeout' }),
      }),
    );
    // A timer that fires after the agent finished is harmless.
    expect(step(timedOut.model, { type: 'wrap-up-timeout' }, 40_000).effects).toEqual([]);
  });

  it('reports and records a call lost to an engine crash', () => {
    const { model, effects, records } = run({ kind: 'optional' }, [
      ...ready,
      [1, offered],
      [2, cti({ type: 'established', callId: 'c1' })],
      [9, cti({ type: 'cleared', callId: 'c1', reason: 'engine-failure', detail: 'SIGKILL' })],
      [9, cti({ type: 'engine', state: 'down', detail: 'killed by SIGKILL' })],
    ]);
    expect(effects).toContainEqual({ kind: 'engine-failure', detail: 'SIGKILL', callIds: ['c1'] });
    expect(model.engineFailures.map((f) => f.callIds)).toEqual([['c1'], []]);
    expect(model.engine).toBe('down');
    expect(records).toEqual([]);
    expect(model.wrapUp?.draft).toMatchObject({
      engineFailure: true,
      clearReason: 'engine-failure',
    });
  });

  it('clears calls the provider forgot when the engine goes down', () => {
    const { model } = run({ kind: 'optional' }, [
      ...ready,
      [1, offered],
      [2, cti({ type: 'established', callId: 'c1' })],
      [5, cti({ type: 'engine', state: 'down', detail: 'gone' })],
    ]);
    expect(model.calls).toEqual([]);
    expect(model.wrapUp?.draft.engineFailure).toBe(true);
  });

  it('models a consult: customer held, expert called, expert dropped, customer back', () => {
    const consulting = run({ kind: 'optional' }, [
      ...ready,
      [1, offered],
      [2, cti({ type: 'established', callId: 'c1' })],
      [3, cti({ type: 'held', callId: 'c1' })],
      [
        4,
        cti({
          type: 'originated',
          callId: 'c2',
          direction: 'outbound',
          peer: { uri: 'sip:expert@x', number: 'expert' },
        }),
      ],
      [5, cti({ type: 'established', callId: 'c2' })],
    ]);
    expect(agentStatus(consulting.model)).toBe('consulting');
    const back = run(
      { kind: 'optional' },
      [
        [8, cti({ type: 'cleared', callId: 'c2', reason: 'local-hangup', detail: '' })],
        [9, cti({ type: 'retrieved', callId: 'c1' })],
      ],
      consulting.model,
    );
    expect(agentStatus(back.model)).toBe('talking');
    expect(back.records[0]).toMatchObject({ callId: 'c2', role: 'consult', talkMs: 3 });
  });

  it('records an outbound busy call and wraps it up', () => {
    const { model } = run({ kind: 'optional' }, [
      ...ready,
      [1, cti({ type: 'originated', callId: 'o1', direction: 'outbound', peer })],
      [2, cti({ type: 'cleared', callId: 'o1', reason: 'busy', detail: '486', sipStatus: 486 })],
    ]);
    expect(model.wrapUp?.draft).toMatchObject({
      direction: 'outbound',
      clearReason: 'busy',
      sipStatus: 486,
      abandoned: false,
    });
  });

  it('keeps the expert on the desk when the customer hangs up during a consult', () => {
    const { model, effects } = run({ kind: 'optional' }, [
      ...ready,
      [1, offered],
      [2, cti({ type: 'established', callId: 'c1' })],
      [3, cti({ type: 'held', callId: 'c1' })],
      [4, cti({ type: 'originated', callId: 'c2', direction: 'outbound', peer })],
      [5, cti({ type: 'established', callId: 'c2' })],
      [6, cti({ type: 'cleared', callId: 'c1', reason: 'remote-hangup', detail: '' })],
    ]);
    // The customer's call waits in wrap-up; the agent is still talking to the expert.
    expect(model.calls.map((c) => [c.callId, c.role])).toEqual([['c2', 'primary']]);
    expect(agentStatus(model)).toBe('talking');
    expect(model.wrapUp?.draft).toMatchObject({ callId: 'c1', holdMs: 3, abandoned: false });
    expect(effects.filter((e) => e.kind === 'record')).toEqual([]);
  });
});
