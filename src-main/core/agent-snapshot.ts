import type { AgentSnapshot, CallView } from '../../src-shared/domain/agent';
import { agentStatus } from '../agent/agent-status';
import type { AgentModel, CallModel } from '../agent/agent-types';

/** The call model as the renderer sees it: plain data checked against the contract. */
export function toSnapshot(model: AgentModel, since: number): AgentSnapshot {
  const status = agentStatus(model);
  const { wrapUp, wrapUpMode } = model;
  return {
    telephony: true,
    status,
    notReadyReason: model.presence.kind === 'not-ready' ? model.presence.reasonCode : null,
    since,
    calls: model.calls.map(toCallView),
    wrapUp: wrapUp
      ? {
          callId: wrapUp.draft.callId,
          peerNumber: wrapUp.draft.peerNumber,
          startedAt: wrapUp.startedAt,
          mode: wrapUpMode.kind,
          deadline: wrapUpMode.kind === 'timed' ? wrapUp.startedAt + wrapUpMode.timeoutMs : null,
        }
      : null,
    engine: model.engine,
    engineFailures: model.engineFailures.map(({ at, detail }) => ({ at, detail })),
  };
}

function toCallView(call: CallModel): CallView {
  return {
    callId: call.callId,
    direction: call.direction,
    peerNumber: call.peer.number,
    ...(call.peer.displayName ? { peerName: call.peer.displayName } : {}),
    role: call.role,
    phase: call.phase,
    startedAt: call.startedAt,
    ...(call.answeredAt !== undefined ? { answeredAt: call.answeredAt } : {}),
    holdMs: call.holdMs,
    muted: call.muted,
  };
}

/** What the state bar shows when this desktop has no softphone engine configured. */
export function noTelephonySnapshot(since: number): AgentSnapshot {
  return {
    telephony: false,
    status: 'logged-out',
    notReadyReason: null,
    since,
    calls: [],
    wrapUp: null,
    engine: 'stopped',
    engineFailures: [],
  };
}
