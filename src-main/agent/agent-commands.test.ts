import { describe, expect, it } from 'vitest';
import { checkCommand, type CallCommand } from './agent-commands.js';
import { initialAgentModel, step } from './agent-machine.js';
import type { AgentInput, AgentModel } from './agent-types.js';

const peer = { uri: 'sip:1@h', number: '1' };

function model(...inputs: AgentInput[]): AgentModel {
  let m = initialAgentModel({ kind: 'optional' });
  for (const input of [{ type: 'login' } as const, { type: 'set-ready' } as const, ...inputs]) {
    m = step(m, input, 0).model;
  }
  return m;
}

const offered: AgentInput = {
  type: 'cti',
  event: { type: 'offered', callId: 'c1', direction: 'inbound', peer },
};
const talking: AgentInput = { type: 'cti', event: { type: 'established', callId: 'c1' } };
const held: AgentInput = { type: 'cti', event: { type: 'held', callId: 'c1' } };

function code(m: AgentModel, command: CallCommand): string | undefined {
  try {
    checkCommand(m, command);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('command checks (no engine round trip)', () => {
  it('refuses in-call commands with no call, with precise codes', () => {
    const idle = model();
    expect(code(idle, { type: 'hold' })).toBe('no-active-call');
    expect(code(idle, { type: 'retrieve' })).toBe('no-active-call');
    expect(code(idle, { type: 'hang-up' })).toBe('no-active-call');
    expect(code(idle, { type: 'answer' })).toBe('no-offered-call');
    expect(code(idle, { type: 'send-dtmf', digits: '1' })).toBe('no-active-call');
    expect(code(idle, { type: 'complete-consult' })).toBe('not-consulting');
  });

  it('checks hold and retrieve against the call phase', () => {
    expect(code(model(offered), { type: 'hold' })).toBe('no-active-call');
    expect(checkCommand(model(offered, talking), { type: 'hold' })).toEqual({ callId: 'c1' });
    expect(code(model(offered, talking, held), { type: 'hold' })).toBe('call-already-held');
    expect(code(model(offered, talking), { type: 'retrieve' })).toBe('call-not-held');
    expect(checkCommand(model(offered, talking, held), { type: 'retrieve' })).toEqual({
      callId: 'c1',
    });
  });

  it('refuses a second call, dialling in wrap-up and while logged out', () => {
    expect(code(model(offered, talking), { type: 'make-call', target: '2' })).toBe('busy');
    const wrap = model(offered, talking, {
      type: 'cti',
      event: { type: 'cleared', callId: 'c1', reason: 'local-hangup', detail: '' },
    });
    expect(code(wrap, { type: 'make-call', target: '2' })).toBe('in-wrap-up');
    expect(code(initialAgentModel({ kind: 'optional' }), { type: 'make-call', target: '2' })).toBe(
      'not-logged-in',
    );
  });

  it('validates DTMF digits', () => {
    expect(code(model(offered, talking), { type: 'send-dtmf', digits: '12#' })).toBeUndefined();
    expect(code(model(offered, talking), { type: 'send-dtmf', digits: '1 2' })).toBe(
      'invalid-argument',
    );
  });

  it('refuses logout with a call in progress', () => {
    expect(() => step(model(offered), { type: 'logout' }, 1)).toThrow(
      expect.objectContaining({ code: 'calls-in-progress' }),
    );
  });
});
