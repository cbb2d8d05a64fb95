import { z } from 'zod';
import { WORK_ORDER_STATUSES, WORK_ORDER_TYPES } from '../domain/work-order';
import { WORK_ORDER_ATTACHMENT_ID, WORK_ORDER_ATTACHMENT_TYPES } from '../rxdb/work-orders';

/** The field technician's commands (src-main/core/field-work.ts): all run on the replica. */

const WorkOrderId = z.string().min(1).max(64);
const Status = z.enum(WORK_ORDER_STATUSES);

export const FieldCustomerSchema = z.object({
  name: z.string(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
});

export const FieldOrderSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  type: z.enum(WORK_ORDER_TYPES),
  status: Status,
  priority: z.number(),
  appointmentStart: z.number(),
  appointmentEnd: z.number(),
  address: z.string(),
  /** https: link to a map of the address ('' without an address). */
  mapUrl: z.string(),
  description: z.string(),
  customer: FieldCustomerSchema.nullable(),
  /** The order has changes the server has not accepted yet. */
  unsynced: z.boolean(),
});
export type FieldOrderSummary = z.infer<typeof FieldOrderSummarySchema>;

export const FieldAttachmentSchema = z.object({
  id: z.string(),
  kind: z.enum(['photo', 'file', 'signature']),
  type: z.string(),
  length: z.number(),
});

export const FieldOrderSchema = FieldOrderSummarySchema.extend({
  history: z.array(
    z.object({
      at: z.number(),
      by: z.string(),
      action: z.string(),
      from: z.string().optional(),
      to: z.string().optional(),
      note: z.string().optional(),
    }),
  ),
  partsUsed: z.array(
    z.object({
      id: z.string(),
      at: z.number(),
      by: z.string(),
      part: z.string(),
      quantity: z.number(),
    }),
  ),
  timeSpent: z.array(
    z.object({
      id: z.string(),
      at: z.number(),
      by: z.string(),
      minutes: z.number(),
      note: z.string().optional(),
    }),
  ),
  couldNotCompleteReason: z.string(),
  attachments: z.array(FieldAttachmentSchema),
  /** Statuses the technician may move it to now. */
  nextStatuses: z.array(Status),
  /** Fields waiting to upload. */
  unsyncedFields: z.array(z.string()),
});
export type FieldOrder = z.infer<typeof FieldOrderSchema>;

export const FieldOrderListSchema = z.object({ orders: z.array(FieldOrderSummarySchema) });

/** base64 of at most 128 KiB per call: contract calls are bounded (MAX_CALL_BYTES). */
export const UPLOAD_CHUNK_BYTES = 128 * 1024;
const Base64 = z
  .string()
  .max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

export const fieldWorkCommands = {
  'fieldWork.list': { args: z.strictObject({}), result: FieldOrderListSchema },
  'fieldWork.get': { args: z.strictObject({ id: WorkOrderId }), result: FieldOrderSchema },
  'fieldWork.setStatus': {
    args: z.strictObject({
      id: WorkOrderId,
      to: Status,
      /** Required for could_not_complete. */
      reason: z.string().trim().min(1).max(2000).optional(),
    }),
    result: FieldOrderSchema,
  },
  'fieldWork.addNote': {
    args: z.strictObject({ id: WorkOrderId, note: z.string().trim().min(1).max(4000) }),
    result: FieldOrderSchema,
  },
  'fieldWork.addPart': {
    args: z.strictObject({
      id: WorkOrderId,
      part: z.string().trim().min(1).max(200),
      quantity: z.number().int().min(1).max(10_000),
    }),
    result: FieldOrderSchema,
  },
  'fieldWork.addTime': {
    args: z.strictObject({
      id: WorkOrderId,
      minutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
      note: z.string().trim().max(500).optional(),
    }),
    result: FieldOrderSchema,
  },
  /** One piece of an attachment being uploaded; pieces are joined by fieldWork.addAttachment. */
  'fieldWork.uploadChunk': {
    args: z.strictObject({
      uploadId: z.guid(),
      index: z.number().int().min(0).max(64),
      data: Base64,
    }),
    result: z.object({ received: z.number() }),
  },
  'fieldWork.addAttachment': {
    args: z.strictObject({
      id: WorkOrderId,
      uploadId: z.guid(),
      kind: z.enum(['photo', 'file', 'signature']),
      type: z.enum(WORK_ORDER_ATTACHMENT_TYPES),
    }),
    result: FieldOrderSchema,
  },
  'fieldWork.getAttachment': {
    args: z.strictObject({
      id: WorkOrderId,
      attachmentId: z.string().regex(WORK_ORDER_ATTACHMENT_ID),
    }),
    result: z.object({ type: z.string(), data: z.string() }),
  },
  /** What waits to upload, per order. */
  'fieldWork.pending': {
    args: z.strictObject({}),
    result: z.object({
      orders: z.array(
        z.object({ id: z.string(), number: z.string(), fields: z.array(z.string()) }),
      ),
    }),
  },
  /** Pull and push now instead of at the next retry. */
  'sync.retryNow': { args: z.strictObject({}), result: z.object({}) },
  'conflicts.list': {
    args: z.strictObject({ includeResolved: z.boolean().optional() }),
    result: z.object({
      conflicts: z.array(
        z.object({
          id: z.string(),
          sourceCollection: z.string(),
          docId: z.string(),
          /** A work order's number, a customer's name: what the user knows the record by. */
          label: z.string(),
          field: z.string(),
          local: z.string(),
          server: z.string(),
          createdAt: z.number(),
          resolved: z.boolean(),
          /** Whether the local value can be put back ('*' refusals and server-owned fields cannot). */
          reapplicable: z.boolean(),
        }),
      ),
    }),
  },
  /** Puts the local value back into the document (it syncs like any edit) and resolves the record. */
  'conflicts.reapply': {
    args: z.strictObject({ id: z.string().min(1).max(200) }),
    result: z.object({}),
  },
  /** Keeps the server's value and resolves the record. */
  'conflicts.dismiss': {
    args: z.strictObject({ id: z.string().min(1).max(200) }),
    result: z.object({}),
  },
  /** The attachments quota and clean-up of closed orders. */
  'fieldWork.storage': {
    args: z.strictObject({}),
    result: z.object({
      attachmentBytes: z.number(),
      quotaBytes: z.number(),
      removableOrders: z.number(),
    }),
  },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;
