import { randomUUID } from 'node:crypto';
import { normalizePhone } from '../../src-shared/domain/phone';
import type { InteractionDoc } from '../../src-shared/rxdb/interactions';
import type { InteractionSink } from '../agent/agent-session';
import type { InteractionRecord } from '../agent/agent-types';
import type { ReplicaDatabase } from '../replica/open-replica';
import type { InteractionJournal } from './interaction-journal';

export type InteractionContext = {
  /** The signed-in user, who took the call. */
  agentId: () => string;
  /** The customer the screen pop found for this call, if any. */
  customerIdFor: (callId: string) => string;
  /** Work orders the agent opened from this call. */
  workOrderIdsFor?: (callId: string) => string[];
  /** The call's document is in the replica. */
  written?: (callId: string) => void;
};

/**
 * Every finished call becomes an interactions document in the replica (and so, through sync,
 * on the server), with its talk and hold time and how it ended. The journal keeps the full
 * call record as well (SIP details, transfer target, disposition source), fsynced first.
 */
export function replicaInteractionSink(
  replica: ReplicaDatabase,
  journal: InteractionJournal,
  context: InteractionContext,
): InteractionSink {
  return {
    async write(record) {
      await journal.write(record);
      await replica.interactions.insert(toDocument(record, context));
      context.written?.(record.callId);
    },
  };
}

export function toDocument(record: InteractionRecord, context: InteractionContext): InteractionDoc {
  return {
    id: randomUUID(),
    channel: 'voice',
    direction: record.direction,
    startedAt: record.startedAt,
    answeredAt: record.answeredAt ?? 0,
    endedAt: record.endedAt,
    agentId: context.agentId(),
    queueId: '',
    callId: record.sipCallId ?? record.callId,
    customerId: context.customerIdFor(record.callId),
    remoteNumber: normalizePhone(record.peerNumber) ?? '',
    disposition: record.disposition ?? '',
    notes: record.notes,
    workOrderIds: context.workOrderIdsFor?.(record.callId) ?? [],
    talkMs: record.talkMs,
    holdMs: record.holdMs,
    endReason: record.clearReason,
    abandoned: record.abandoned,
    updatedAt: record.wrapUpEndedAt ?? record.endedAt,
    serverSeq: 0,
  };
}
