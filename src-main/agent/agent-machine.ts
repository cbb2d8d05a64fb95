import type { CtiEvent } from '../cti/cti-link.js';
import type {
  AgentEffect,
  AgentInput,
  AgentModel,
  CallModel,
  InteractionRecord,
  StepResult,
  WrapUpMode,
} from './agent-types.js';
import { AgentCommandError } from './agent-error.js';
import { consultCall, primaryCall } from './agent-status.js';
import {
  buildInteractionRecord,
  finishInteractionRecord,
  needsWrapUp,
} from './interaction-record.js';

/**
 * The agent's call model as a pure reducer: (model, input, now) → (model, effects). No clocks,
 * no timers, no I/O: the session shell turns effects into timers and sink writes. Engine events
 * are facts and always apply; agent inputs that make no sense throw AgentCommandError.
 */
export function initialAgentModel(wrapUpMode: WrapUpMode): AgentModel {
  return {
    presence: { kind: 'logged-out' },
    wrapUpMode,
    calls: [],
    engine: 'stopped',
    engineFailures: [],
  };
}

export function step(model: AgentModel, input: AgentInput, now: number): StepResult {
  switch (input.type) {
    case 'cti':
      return onCtiEvent(model, input.event, now);
    case 'login':
      if (model.presence.kind !== 'logged-out') {
        throw new AgentCommandError('already-logged-in', 'the agent is already logged in');
      }
      // Logging in lands in not-ready: the agent says when the first call may come.
      return same({ ...model, presence: { kind: 'not-ready', reasonCode: 'login' } });
    case 'logout':
      requireLoggedIn(model);
      if (model.calls.length > 0) {
        throw new AgentCommandError('calls-in-progress', 'end the calls before logging out');
      }
      if (model.wrapUp) throw new AgentCommandError('in-wrap-up', 'finish wrap-up first');
      return same({ ...model, presence: { kind: 'logged-out' } });
    case 'set-ready':
      requireLoggedIn(model);
      return same({ ...model, presence: { kind: 'ready' } });
    case 'set-not-ready':
      requireLoggedIn(model);
      if (!input.reasonCode.trim()) {
        throw new AgentCommandError('invalid-argument', 'not ready needs a reason code');
      }
      return same({ ...model, presence: { kind: 'not-ready', reasonCode: input.reasonCode } });
    case 'set-notes':
      return setNotes(model, input.notes);
    case 'complete-wrap-up':
      return completeWrapUp(model, input.disposition, input.notes, now);
    case 'wrap-up-timeout':
      return onWrapUpTimeout(model, now);
    case 'acknowledge-engine-failures':
      return same({ ...model, engineFailures: [] });
  }
}

function onCtiEvent(model: AgentModel, event: CtiEvent, now: number): StepResult {
  switch (event.type) {
    case 'offered':
    case 'originated':
      return addCall(model, event, now);
    case 'ringing':
      return updateCall(model, event.callId, (c) =>
        c.phase === 'dialing' ? { ...c, phase: 'ringing' } : c,
      );
    case 'established':
      return updateCall(model, event.callId, (c) => ({
        ...c,
        ...withSipId(event.sipCallId ?? c.sipCallId),
        phase: 'talking',
        answeredAt: c.answeredAt ?? now,
      }));
    case 'held':
      return updateCall(model, event.callId, (c) =>
        c.phase === 'held' ? c : { ...c, phase: 'held', holdStartedAt: now },
      );
    case 'retrieved':
      return updateCall(model, event.callId, (c) => endHold(c, now));
    case 'muted':
      return updateCall(model, event.callId, (c) => ({ ...c, muted: event.muted }));
    case 'transferred':
      return updateCall(model, event.callId, (c) => ({ ...c, transferredTo: event.target }));
    case 'cleared':
      return onCleared(model, event, now);
    case 'engine':
      return onEngine(model, event.state, event.detail, now);
    case 'registration':
      return same({ ...model, registration: event.state });
    case 'dtmf':
    case 'conferenced':
    case 'transfer-failed':
      return same(model);
  }
}

function addCall(
  model: AgentModel,
  event: Extract<CtiEvent, { type: 'offered' | 'originated' }>,
  now: number,
): StepResult {
  if (model.calls.some((c) => c.callId === event.callId)) return same(model);
  const primary = primaryCall(model);
  // An agent-placed call while a customer is on the line is a consult; an inbound one is extra.
  const role = !primary ? 'primary' : event.type === 'originated' ? 'consult' : 'extra';
  const call: CallModel = {
    callId: event.callId,
    ...withSipId(event.sipCallId),
    direction: event.direction,
    peer: event.peer,
    role,
    phase: event.type === 'offered' ? 'offered' : 'dialing',
    startedAt: now,
    holdMs: 0,
    muted: false,
    notes: '',
  };
  return same({ ...model, calls: [...model.calls, call] });
}

function onCleared(
  model: AgentModel,
  event: Extract<CtiEvent, { type: 'cleared' }>,
  now: number,
): StepResult {
  const call = model.calls.find((c) => c.callId === event.callId);
  if (!call) return same(model);
  const record = buildInteractionRecord(
    { ...call, ...withSipId(event.sipCallId ?? call.sipCallId) },
    event,
    now,
  );
  let next: AgentModel = { ...model, calls: model.calls.filter((c) => c !== call) };
  const effects: AgentEffect[] = [];
  if (event.reason === 'engine-failure') {
    // Reported to the agent (kept until acknowledged) as well as recorded.
    const failure = { at: now, detail: event.detail, callIds: [call.callId] };
    next = { ...next, engineFailures: [...next.engineFailures, failure] };
    effects.push({ kind: 'engine-failure', detail: event.detail, callIds: [call.callId] });
  }
  if (call.role !== 'primary' || !needsWrapUp(record)) {
    // Consults, extras, missed and abandoned calls: recorded at once, nothing to wrap up.
    effects.push({ kind: 'record', record });
    return { model: promoteConsult(next), effects };
  }
  const wrap = startWrapUp(promoteConsult(next), record, now);
  return { model: wrap.model, effects: [...effects, ...wrap.effects] };
}

/** If the customer left during a consult, the expert call becomes the one on the desk. */
function promoteConsult(model: AgentModel): AgentModel {
  if (primaryCall(model)) return model;
  const consult = consultCall(model);
  if (!consult) return model;
  return {
    ...model,
    calls: model.calls.map((c) => (c === consult ? { ...c, role: 'primary' } : c)),
  };
}

function startWrapUp(model: AgentModel, draft: InteractionRecord, now: number): StepResult {
  const effects: AgentEffect[] = [];
  // A wrap-up still open from an earlier call is closed first: it must not be lost.
  if (model.wrapUp) effects.push(...closeWrapUp(model, undefined, 'none', undefined, now).effects);
  if (model.wrapUpMode.kind === 'timed') {
    effects.push({ kind: 'start-wrap-up-timer', ms: model.wrapUpMode.timeoutMs });
  }
  return { model: { ...model, wrapUp: { draft, startedAt: now } }, effects };
}

function completeWrapUp(
  model: AgentModel,
  disposition: string | undefined,
  notes: string | undefined,
  now: number,
): StepResult {
  if (!model.wrapUp) throw new AgentCommandError('not-in-wrap-up', 'there is no wrap-up to finish');
  if (model.wrapUpMode.kind === 'mandatory' && !disposition?.trim()) {
    throw new AgentCommandError('disposition-required', 'choose a disposition to finish wrap-up');
  }
  return closeWrapUp(model, disposition, 'agent', notes, now);
}

function onWrapUpTimeout(model: AgentModel, now: number): StepResult {
  // A late timer (wrap-up already finished by the agent) is harmless.
  if (!model.wrapUp || model.wrapUpMode.kind !== 'timed') return same(model);
  return closeWrapUp(model, model.wrapUpMode.defaultDisposition, 'timeout', undefined, now);
}

function closeWrapUp(
  model: AgentModel,
  disposition: string | undefined,
  source: 'agent' | 'timeout' | 'none',
  notes: string | undefined,
  now: number,
): StepResult {
  if (!model.wrapUp) return same(model);
  const record = finishInteractionRecord(model.wrapUp.draft, now, disposition, source, notes);
  const { wrapUp: _done, ...rest } = model;
  const effects: AgentEffect[] = [{ kind: 'record', record }];
  if (model.wrapUpMode.kind === 'timed') effects.unshift({ kind: 'cancel-wrap-up-timer' });
  return { model: rest, effects };
}

function onEngine(
  model: AgentModel,
  state: AgentModel['engine'],
  detail: string,
  now: number,
): StepResult {
  if (state !== 'down') return same({ ...model, engine: state });
  // The link clears each call (reason engine-failure) before it reports 'down'. Any call still
  // here was not reported by the provider: clear it now, so that it is never forgotten.
  let result: StepResult = same(model);
  for (const call of model.calls) {
    const next = onCleared(
      result.model,
      { type: 'cleared', callId: call.callId, reason: 'engine-failure', detail },
      now,
    );
    result = { model: next.model, effects: [...result.effects, ...next.effects] };
  }
  const failure = { at: now, detail, callIds: [] };
  return {
    model: {
      ...result.model,
      engine: state,
      engineFailures: [...result.model.engineFailures, failure],
    },
    effects: [...result.effects, { kind: 'engine-failure', detail, callIds: [] }],
  };
}

function setNotes(model: AgentModel, notes: string): StepResult {
  const primary = primaryCall(model);
  if (primary) return updateCall(model, primary.callId, (c) => ({ ...c, notes }));
  if (model.wrapUp) {
    return same({ ...model, wrapUp: { ...model.wrapUp, draft: { ...model.wrapUp.draft, notes } } });
  }
  throw new AgentCommandError('no-active-call', 'there is no call or wrap-up to add notes to');
}

function endHold(call: CallModel, now: number): CallModel {
  if (call.phase !== 'held' || call.holdStartedAt === undefined) return call;
  const { holdStartedAt, ...rest } = call;
  return { ...rest, phase: 'talking', holdMs: call.holdMs + Math.max(0, now - holdStartedAt) };
}

function updateCall(
  model: AgentModel,
  callId: string,
  update: (call: CallModel) => CallModel,
): StepResult {
  if (!model.calls.some((c) => c.callId === callId)) return same(model);
  return same({ ...model, calls: model.calls.map((c) => (c.callId === callId ? update(c) : c)) });
}

function requireLoggedIn(model: AgentModel): void {
  if (model.presence.kind === 'logged-out') {
    throw new AgentCommandError('not-logged-in', 'log in first');
  }
}

function withSipId(sipCallId: string | undefined): { sipCallId?: string } {
  return sipCallId ? { sipCallId } : {};
}

function same(model: AgentModel): StepResult {
  return { model, effects: [] };
}
