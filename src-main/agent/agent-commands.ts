import type { CtiCallId } from '../cti/cti-link.js';
import { AgentCommandError } from './agent-error.js';
import { consultCall, primaryCall } from './agent-status.js';
import type { AgentModel, CallModel } from './agent-types.js';

export type CallCommand =
  | { type: 'answer' }
  | { type: 'reject' }
  | { type: 'hang-up'; callId?: CtiCallId }
  | { type: 'hold' }
  | { type: 'retrieve' }
  | { type: 'mute'; muted: boolean }
  | { type: 'send-dtmf'; digits: string }
  | { type: 'make-call'; target: string }
  | { type: 'blind-transfer'; target: string }
  | { type: 'consult-transfer'; expert: string }
  | { type: 'complete-consult' }
  | { type: 'return-from-consult' }
  | { type: 'conference' };

export interface CommandTarget {
  /** The call the command acts on (the customer's call for consult commands). */
  callId?: CtiCallId;
  consultCallId?: CtiCallId;
}

/**
 * Checks a telephony command against the model BEFORE anything is sent to the engine, so that
 * "hold with no call" is a precise typed error instead of an engine round trip and a vague
 * "command not found". Pure; returns which call(s) the command addresses.
 */
export function checkCommand(model: AgentModel, command: CallCommand): CommandTarget {
  if (model.presence.kind === 'logged-out' && command.type === 'make-call') {
    throw new AgentCommandError('not-logged-in', 'log in before placing calls');
  }
  const primary = primaryCall(model);
  const consult = consultCall(model);
  // The call the agent is "on": the expert during a consult, else the customer.
  const focused = consult ?? primary;
  switch (command.type) {
    case 'answer':
    case 'reject': {
      const offered = model.calls.find((c) => c.phase === 'offered');
      if (!offered) throw new AgentCommandError('no-offered-call', 'no call is ringing');
      return { callId: offered.callId };
    }
    case 'hang-up': {
      if (command.callId !== undefined) {
        if (!model.calls.some((c) => c.callId === command.callId)) {
          throw new AgentCommandError('no-active-call', `there is no call ${command.callId}`);
        }
        return { callId: command.callId };
      }
      return { callId: required(focused, 'there is no call to hang up').callId };
    }
    case 'hold': {
      const call = required(focused, 'there is no call to hold');
      if (call.phase === 'held')
        throw new AgentCommandError('call-already-held', 'already on hold');
      requireTalking(call, 'hold');
      return { callId: call.callId };
    }
    case 'retrieve': {
      const call = required(primary, 'there is no call to retrieve');
      if (consult) {
        throw new AgentCommandError('busy', 'end or complete the consult call first');
      }
      if (call.phase !== 'held')
        throw new AgentCommandError('call-not-held', 'the call is not on hold');
      return { callId: call.callId };
    }
    case 'mute': {
      const call = required(focused, 'there is no call to mute');
      if (call.phase !== 'talking' && call.phase !== 'held') requireTalking(call, 'mute');
      return { callId: call.callId };
    }
    case 'send-dtmf': {
      if (!/^[0-9*#A-D]+$/.test(command.digits)) {
        throw new AgentCommandError('invalid-argument', 'DTMF digits are 0-9, *, # and A-D');
      }
      const call = required(focused, 'there is no call to send digits on');
      requireTalking(call, 'send digits on');
      return { callId: call.callId };
    }
    case 'make-call':
      if (model.wrapUp && !primary)
        throw new AgentCommandError('in-wrap-up', 'finish wrap-up first');
      if (primary) throw new AgentCommandError('busy', 'already on a call; use consult instead');
      return {};
    case 'blind-transfer':
    case 'consult-transfer': {
      const call = required(primary, 'there is no call to transfer');
      if (consult) throw new AgentCommandError('busy', 'a consult call is already in progress');
      if (call.phase !== 'talking' && call.phase !== 'held') requireTalking(call, 'transfer');
      return { callId: call.callId };
    }
    case 'complete-consult':
    case 'return-from-consult':
    case 'conference': {
      if (!primary || !consult) {
        throw new AgentCommandError('not-consulting', 'there is no consult call in progress');
      }
      if (command.type !== 'return-from-consult') requireTalking(consult, 'complete');
      return { callId: primary.callId, consultCallId: consult.callId };
    }
  }
}

function required(call: CallModel | undefined, message: string): CallModel {
  if (!call) throw new AgentCommandError('no-active-call', message);
  return call;
}

function requireTalking(call: CallModel, verb: string): void {
  if (call.phase !== 'talking') {
    throw new AgentCommandError('no-active-call', `cannot ${verb} a call that is ${call.phase}`);
  }
}
