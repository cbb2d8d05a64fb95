import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { EPOCH_MS, ID_FIELD, SYNC_FIELDS, type SyncFields } from './common';

export type InteractionChannel = 'voice' | 'email' | 'chat' | 'callback';
export type InteractionDirection = 'inbound' | 'outbound';

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
};

export const interactionSchema = {
  title: 'interactions',
  version: 0,
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
    'updatedAt',
    'serverSeq',
  ],
  indexes: [['customerId', 'startedAt'], ['agentId', 'startedAt'], 'callId', 'updatedAt'],
} as const satisfies RxJsonSchema<InteractionDoc>;

export const interactionMigrations: MigrationStrategies = {};
