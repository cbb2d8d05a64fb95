import { z } from 'zod';
import {
  MAX_WORK_ORDER_ATTACHMENT_BYTES,
  MAX_WORK_ORDER_ATTACHMENTS,
  WORK_ORDER_ATTACHMENT_ID,
  WORK_ORDER_ATTACHMENT_TYPES,
  type AttachmentStub,
} from '../rxdb/work-orders';

/**
 * How a work order's attachments travel in the sync protocol (decision 0018). A pulled
 * document carries stubs only ({digest, length, type}); the client fetches the bytes it does
 * not have from the attachment route. A pushed document carries, for each attachment that is
 * new to the server, its bytes as base64 in `data` (RxDB fills `data` for exactly those).
 */
export const MAX_ATTACHMENT_BASE64_CHARS = Math.ceil(MAX_WORK_ORDER_ATTACHMENT_BYTES / 3) * 4;

export const WireAttachmentSchema = z.strictObject({
  digest: z.string().min(1).max(200),
  length: z.number().int().min(0),
  type: z.enum(WORK_ORDER_ATTACHMENT_TYPES),
  /** base64; only on a push, for an attachment new to the server. */
  data: z.string().optional(),
});
export type WireAttachment = z.infer<typeof WireAttachmentSchema>;

export const WireAttachmentsSchema = z
  .record(z.string().regex(WORK_ORDER_ATTACHMENT_ID), WireAttachmentSchema)
  .refine((all) => Object.keys(all).length <= MAX_WORK_ORDER_ATTACHMENTS, {
    message: `at most ${MAX_WORK_ORDER_ATTACHMENTS} attachments on one work order`,
  });

export function stubOf(attachment: WireAttachment): AttachmentStub {
  return { digest: attachment.digest, length: attachment.length, type: attachment.type };
}

/** The attachments without their bytes: what two sides compare. */
export function withoutAttachmentData(doc: Record<string, unknown>): Record<string, unknown> {
  const attachments = doc['_attachments'];
  if (!attachments || typeof attachments !== 'object') return doc;
  const stubs = Object.fromEntries(
    Object.entries(attachments as Record<string, WireAttachment>).map(([id, a]) => [
      id,
      { digest: a.digest, length: a.length, type: a.type },
    ]),
  );
  return { ...doc, _attachments: stubs };
}

export const attachmentPath = (workOrderId: string, attachmentId: string) =>
  `/api/sync/work_orders/${encodeURIComponent(workOrderId)}/attachments/${encodeURIComponent(attachmentId)}`;
