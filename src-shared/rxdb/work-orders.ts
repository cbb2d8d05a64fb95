import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import {
  WORK_ORDER_STATUSES,
  WORK_ORDER_TYPES,
  type WorkOrderStatus,
  type WorkOrderType,
} from '../domain/work-order';
import { ADDRESS, EPOCH_MS, ID_FIELD, SYNC_FIELDS, type Address, type SyncFields } from './common';

export { WORK_ORDER_STATUSES, WORK_ORDER_TYPES, type WorkOrderStatus, type WorkOrderType };

/** One entry of the append-only history; entries are never edited or removed. */
export type WorkOrderHistoryEntry = {
  at: number;
  by: string;
  action: 'created' | 'status' | 'assigned' | 'rescheduled' | 'note' | 'edited';
  from?: string;
  to?: string;
  note?: string;
};

export type WorkOrderDoc = SyncFields & {
  id: string;
  /** Human-facing number, e.g. 'WO-2026-000123'. */
  number: string;
  type: WorkOrderType;
  status: WorkOrderStatus;
  /** 1 (highest) .. 5. */
  priority: number;
  customerId: string;
  /** The field technician it is dispatched to; '' while unassigned. */
  assigneeId: string;
  /** The back-office queue it is dispatched to (a reference document of kind 'queue'); ''. */
  queueId: string;
  /** Fields of its type's form (see the type's zod schema); validated where it is written. */
  details: Record<string, string | number | boolean>;
  /** Appointment window; 0 when not scheduled. */
  appointmentStart: number;
  appointmentEnd: number;
  address?: Address;
  description: string;
  history: WorkOrderHistoryEntry[];
  /*
   * The field technician's work. Optional so that writers that know nothing of field work
   * (call-center forms) need not change; the server always sends them.
   */
  /** Parts the technician used (append-only; `at` is the device's time). */
  partsUsed?: PartUsedEntry[];
  /** Time the technician spent on site (append-only). */
  timeSpent?: TimeSpentEntry[];
  /** Why the technician could not complete it; '' or absent otherwise. */
  couldNotCompleteReason?: string;
};

/** Entries of the technician's append-only lists carry ids, so a merge is a union by id. */
export type PartUsedEntry = { id: string; at: number; by: string; part: string; quantity: number };
export type TimeSpentEntry = { id: string; at: number; by: string; minutes: number; note?: string };

/**
 * Photos, files and the customer's signature are RxDB attachments of the work order
 * (decision 0018). Ids: 'photo-<uuid>', 'file-<uuid>', 'signature-<uuid>'.
 */
export const WORK_ORDER_ATTACHMENT_ID = /^(photo|file|signature)-[0-9a-f-]{36}$/;
export const WORK_ORDER_ATTACHMENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
  'text/plain',
] as const;
/** An attachment as a document lists it (RxDB's stub): the bytes travel separately. */
export type AttachmentStub = { digest: string; length: number; type: string };

/** Largest attachment accepted by main and by the server (images are scaled down first). */
export const MAX_WORK_ORDER_ATTACHMENT_BYTES = 2 * 1024 * 1024;
/** Attachments on one order. */
export const MAX_WORK_ORDER_ATTACHMENTS = 30;

const ENTRY_ID = { type: 'string', minLength: 1, maxLength: 64 } as const;
const BY = { type: 'string', maxLength: 64 } as const;

export const workOrderSchema = {
  title: 'work_orders',
  // v1: the server's statuses and types (v0 had a coarser status list of its own), dispatch
  // to a back-office queue, per-type form fields.
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID_FIELD,
    number: { type: 'string', minLength: 1, maxLength: 32 },
    type: { type: 'string', enum: [...WORK_ORDER_TYPES], maxLength: 20 },
    status: { type: 'string', enum: [...WORK_ORDER_STATUSES], maxLength: 20 },
    priority: { type: 'integer', minimum: 1, maximum: 5, multipleOf: 1 },
    customerId: ID_FIELD,
    assigneeId: { type: 'string', maxLength: 64 },
    queueId: { type: 'string', maxLength: 64 },
    details: {
      type: 'object',
      maxProperties: 40,
      additionalProperties: {
        anyOf: [{ type: 'string', maxLength: 2000 }, { type: 'number' }, { type: 'boolean' }],
      },
    },
    appointmentStart: EPOCH_MS,
    appointmentEnd: EPOCH_MS,
    address: ADDRESS,
    description: { type: 'string', maxLength: 10_000 },
    history: {
      type: 'array',
      maxItems: 2000,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          at: EPOCH_MS,
          by: { type: 'string', maxLength: 64 },
          action: {
            type: 'string',
            enum: ['created', 'status', 'assigned', 'rescheduled', 'note', 'edited'],
          },
          from: { type: 'string', maxLength: 200 },
          to: { type: 'string', maxLength: 200 },
          note: { type: 'string', maxLength: 4000 },
        },
        required: ['at', 'by', 'action'],
      },
    },
    partsUsed: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: ENTRY_ID,
          at: EPOCH_MS,
          by: BY,
          part: { type: 'string', minLength: 1, maxLength: 200 },
          quantity: { type: 'integer', minimum: 1, maximum: 10_000 },
        },
        required: ['id', 'at', 'by', 'part', 'quantity'],
      },
    },
    timeSpent: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: ENTRY_ID,
          at: EPOCH_MS,
          by: BY,
          minutes: { type: 'integer', minimum: 1, maximum: 24 * 60 },
          note: { type: 'string', maxLength: 500 },
        },
        required: ['id', 'at', 'by', 'minutes'],
      },
    },
    couldNotCompleteReason: { type: 'string', maxLength: 2000 },
    updatedAt: EPOCH_MS,
    serverSeq: SYNC_FIELDS.serverSeq,
  },
  attachments: { encrypted: false },
  required: [
    'id',
    'number',
    'type',
    'status',
    'priority',
    'customerId',
    'assigneeId',
    'queueId',
    'details',
    'appointmentStart',
    'appointmentEnd',
    'description',
    'history',
    'updatedAt',
    'serverSeq',
  ],
  indexes: [
    'number',
    ['customerId', 'updatedAt'],
    // A technician's day: his open orders by appointment.
    ['assigneeId', 'status', 'appointmentStart'],
    ['status', 'priority', 'updatedAt'],
    'updatedAt',
  ],
} as const satisfies RxJsonSchema<WorkOrderDoc>;

/** v0's statuses, each as the server status it stood for. */
const V0_STATUS: Record<string, WorkOrderStatus> = {
  new: 'new',
  scheduled: 'assigned',
  dispatched: 'en_route',
  in_progress: 'on_site',
  on_hold: 'waiting_parts',
  completed: 'resolved',
  cancelled: 'cancelled',
};

export const workOrderMigrations: MigrationStrategies = {
  1: (doc: Record<string, unknown>) => ({
    ...doc,
    queueId: '',
    details: {},
    partsUsed: [],
    timeSpent: [],
    couldNotCompleteReason: '',
    status: V0_STATUS[String(doc['status'])] ?? 'new',
    type: (WORK_ORDER_TYPES as readonly string[]).includes(String(doc['type']))
      ? doc['type']
      : 'service_request',
  }),
};

/**
 * History is append-only: a new version must start with every entry of the old one,
 * unchanged. Used before local writes and by the server's merge.
 */
export function isHistoryAppendOnly(
  before: readonly WorkOrderHistoryEntry[],
  after: readonly WorkOrderHistoryEntry[],
): boolean {
  if (after.length < before.length) return false;
  return before.every((entry, i) => JSON.stringify(entry) === JSON.stringify(after[i]));
}
