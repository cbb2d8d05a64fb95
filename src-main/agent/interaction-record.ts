import type { ClearReason } from '../cti/cti-link.js';
import type { CallModel, DispositionSource, InteractionRecord } from './agent-types.js';

export interface ClearInfo {
  reason: ClearReason;
  detail: string;
  sipStatus?: number;
}

/** Builds the record of a call that just ended. Pure: all times come from the caller. */
export function buildInteractionRecord(
  call: CallModel,
  clear: ClearInfo,
  endedAt: number,
): InteractionRecord {
  // A hold still open at the end counts up to the end.
  const holdMs =
    call.holdMs +
    (call.holdStartedAt !== undefined ? Math.max(0, endedAt - call.holdStartedAt) : 0);
  const talkMs =
    call.answeredAt !== undefined ? Math.max(0, endedAt - call.answeredAt - holdMs) : 0;
  const abandoned =
    call.direction === 'inbound' &&
    call.answeredAt === undefined &&
    clear.reason === 'remote-hangup';
  return {
    callId: call.callId,
    ...(call.sipCallId ? { sipCallId: call.sipCallId } : {}),
    direction: call.direction,
    role: call.role,
    peerUri: call.peer.uri,
    peerNumber: call.peer.number,
    ...(call.peer.displayName ? { peerName: call.peer.displayName } : {}),
    startedAt: call.startedAt,
    ...(call.answeredAt !== undefined ? { answeredAt: call.answeredAt } : {}),
    endedAt,
    talkMs,
    holdMs,
    clearReason: clear.reason,
    clearDetail: clear.detail,
    ...(clear.sipStatus !== undefined ? { sipStatus: clear.sipStatus } : {}),
    abandoned,
    engineFailure: clear.reason === 'engine-failure',
    ...(call.transferredTo ? { transferredTo: call.transferredTo } : {}),
    dispositionSource: 'none',
    notes: call.notes,
  };
}

/** Closes wrap-up on a record: disposition, notes, and when wrap-up ended. */
export function finishInteractionRecord(
  draft: InteractionRecord,
  wrapUpEndedAt: number,
  disposition: string | undefined,
  source: DispositionSource,
  notes?: string,
): InteractionRecord {
  return {
    ...draft,
    wrapUpEndedAt,
    ...(disposition !== undefined ? { disposition } : {}),
    dispositionSource: disposition !== undefined ? source : 'none',
    notes: notes ?? draft.notes,
  };
}

/** Does this finished call need the agent's wrap-up? Missed inbound calls do not. */
export function needsWrapUp(record: InteractionRecord): boolean {
  if (record.role !== 'primary') return false;
  return record.direction === 'outbound' || record.answeredAt !== undefined;
}
