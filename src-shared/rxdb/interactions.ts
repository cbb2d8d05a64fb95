import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { EPOCH_MS, ID_FIELD, SYNC_FIELDS, type SyncFields } from './common';

export type InteractionChannel = 'voice' | 'email' | 'chat' | 'callback';
export type InteractionDirection = 'inbound' | 'outbound';

/** How a call ended (the CTI link's clear reason); '' when not known or not a call. */
export const INTERACTION_END_REASONS = [
  '',
  'local-hangup',
  'remote-hangup',
  'busy',
  'unreachable',
  'rejected',
  'transferred',
  'engine-failure',
  'failed',
] as const;
export type InteractionEndReason = (typeof INTERACTION_END_REASONS)[number];

export type InteractionDoc = SyncFields & {
  id: string;
  channel: InteractionChannel;
  direction: InteractionDirection;
  startedAt: number;
  /** 0 when never answered. */
  answeredAt: number;
  /** 0 while still in progress. */
  endedAt: number;
  agentId: string;
  queueId: string;
  /** CTI call id; '' for non-voice channels. */
  callId: string;
  /** '' when the caller was not identified. */
  customerId: string;
  /** Remote party in E.164 when known. */
  remoteNumber: string;
  /** Key of a reference document of kind 'disposition'; '' until wrap-up. */
  disposition: string;
  notes: string;
  workOrderIds: string[];
  /** Connected time without hold (ms); 0 when never answered. */
  talkMs: number;
  /** Time the customer spent on hold (ms). */
  holdMs: number;
  /** 'local-hangup': the agent ended it; 'remote-hangup': the other party did. */
  endReason: InteractionEndReason;
  /** An inbound caller who hung up before anyone answered. */
  abandoned: boolean;
};

/** Durations up to 24 days, the server column's integer range. */
const DURATION_MS = { type: 'integer', minimum: 0, maximum: 2_147_483_647 } as const;

export const interactionSchema = {
  title: 'interactions',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID_FIELD,
    channel: { type: 'string', enum: ['voice', 'email', 'chat', 'callback'], maxLength: 10 },
    direction: { type: 'string', enum: ['inbound', 'outbound'], maxLength: 10 },
    startedAt: EPOCH_MS,
    answeredAt: EPOCH_MS,
    endedAt: EPOCH_MS,
    agentId: { type: 'string', maxLength: 64 },
    queueId: { type: 'string', maxLength: 64 },
    callId: { type: 'string', maxLength: 128 },
    customerId: { type: 'string', maxLength: 64 },
    remoteNumber: { type: 'string', maxLength: 16 },
    disposition: { type: 'string', maxLength: 64 },
    notes: { type: 'string', maxLength: 20_000 },
    workOrderIds: { type: 'array', maxItems: 50, items: ID_FIELD },
    talkMs: DURATION_MS,
    holdMs: DURATION_MS,
    endReason: { type: 'string', enum: [...INTERACTION_END_REASONS], maxLength: 16 },
    abandoned: { type: 'boolean' },
    updatedAt: EPOCH_MS,
    serverSeq: SYNC_FIELDS.serverSeq,
  },
  required: [
    'id',
    'channel',
    'direction',
    'startedAt',
    'answeredAt',
    'endedAt',
    'agentId',
    'queueId',
    'callId',
    'customerId',
    'remoteNumber',
    'disposition',
    'notes',
    'workOrderIds',
    'talkMs',
    'holdMs',
    'endReason',
    'abandoned',
    'updatedAt',
    'serverSeq',
  ],
  indexes: [['customerId', 'startedAt'], ['agentId', 'startedAt'], 'callId', 'updatedAt'],
} as const satisfies RxJsonSchema<InteractionDoc>;

type InteractionDocV0 = Omit<InteractionDoc, 'talkMs' | 'holdMs' | 'endReason' | 'abandoned'>;

/**
 * v0 → v1: talk/hold time and how the call ended. A v0 document knows when the call was
 * answered and ended, not how long it was held, so its connected time counts as talk time;
 * an inbound call that ended unanswered counts as abandoned; the end reason stays unknown.
 * (The server's migration 0003 fills its rows the same way.)
 */
export function interactionV0toV1(doc: InteractionDocV0): InteractionDoc {
  const voice = doc.channel === 'voice';
  const connected = voice && doc.answeredAt > 0 && doc.endedAt >= doc.answeredAt;
  return {
    ...doc,
    talkMs: connected ? Math.min(DURATION_MS.maximum, doc.endedAt - doc.answeredAt) : 0,
    holdMs: 0,
    endReason: '',
    abandoned: voice && doc.direction === 'inbound' && doc.answeredAt === 0 && doc.endedAt > 0,
  };
}

export const interactionMigrations: MigrationStrategies = {
  1: (doc: InteractionDocV0) => interactionV0toV1(doc),
};
