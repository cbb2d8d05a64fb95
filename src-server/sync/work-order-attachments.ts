import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { z } from 'zod';
import type { AccessClaims } from '../auth/access-tokens';
import { claimsOf } from '../auth/authenticate';
import type { Database } from '../db/connect';
import { workOrderAttachments, workOrders } from '../db/schema';
import { HttpError } from '../http/errors';
import { parseInput } from '../http/validate';
import {
  MAX_WORK_ORDER_ATTACHMENT_BYTES,
  WORK_ORDER_ATTACHMENT_ID,
  type AttachmentStub,
} from '../../src-shared/rxdb/work-orders';
import {
  stubOf,
  WireAttachmentsSchema,
  type WireAttachment,
} from '../../src-shared/sync/wire-attachments';
import { DocumentError } from './adapter';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Writes the attachments a push adds to a work order and returns the order's new stubs.
 * Attachments are added, never replaced or removed (a signature is evidence): an existing
 * id must keep its digest. Each new one must bring its bytes, within the size limit.
 */
export async function storeNewAttachments(
  tx: Database,
  workOrderId: string,
  master: Record<string, AttachmentStub>,
  next: unknown,
  claims: AccessClaims,
): Promise<Record<string, AttachmentStub>> {
  const parsed = WireAttachmentsSchema.safeParse(next ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DocumentError(
      400,
      `work order ${workOrderId}: _attachments.${issue.path.join('.')} ${issue.message}`,
    );
  }
  const attachments = parsed.data;
  for (const [id, stub] of Object.entries(master)) {
    const kept = attachments[id];
    if (!kept || kept.digest !== stub.digest) {
      throw new DocumentError(
        400,
        `work order ${workOrderId}: attachment '${id}' may not be removed or replaced`,
      );
    }
  }
  const stubs: Record<string, AttachmentStub> = {};
  for (const [id, attachment] of Object.entries(attachments)) {
    stubs[id] = stubOf(attachment);
    if (master[id]) continue;
    const bytes = decode(workOrderId, id, attachment);
    await tx.insert(workOrderAttachments).values({
      workOrderId,
      attachmentId: id,
      digest: attachment.digest,
      contentType: attachment.type,
      length: bytes.length,
      data: bytes,
      createdBy: claims.userId,
    });
  }
  return stubs;
}

function decode(workOrderId: string, id: string, attachment: WireAttachment): Buffer {
  if (attachment.data === undefined) {
    throw new DocumentError(400, `work order ${workOrderId}: attachment '${id}' has no data`);
  }
  // Checked before decoding: a hostile push cannot make the server allocate a huge buffer.
  if (Math.floor((attachment.data.length * 3) / 4) > MAX_WORK_ORDER_ATTACHMENT_BYTES + 2) {
    throw new DocumentError(
      413,
      `work order ${workOrderId}: attachment '${id}' is larger than ${MAX_WORK_ORDER_ATTACHMENT_BYTES} bytes`,
    );
  }
  if (!BASE64.test(attachment.data)) {
    throw new DocumentError(400, `work order ${workOrderId}: attachment '${id}' is not base64`);
  }
  const bytes = Buffer.from(attachment.data, 'base64');
  if (bytes.length > MAX_WORK_ORDER_ATTACHMENT_BYTES) {
    throw new DocumentError(
      413,
      `work order ${workOrderId}: attachment '${id}' is larger than ${MAX_WORK_ORDER_ATTACHMENT_BYTES} bytes`,
    );
  }
  if (bytes.length !== attachment.length) {
    throw new DocumentError(
      400,
      `work order ${workOrderId}: attachment '${id}' has ${bytes.length} bytes, not ${attachment.length}`,
    );
  }
  return bytes;
}

const ParamsSchema = z.strictObject({
  id: z.guid(),
  attachmentId: z.string().regex(WORK_ORDER_ATTACHMENT_ID),
});

/**
 * GET /api/sync/work_orders/:id/attachments/:attachmentId — the bytes of one attachment, for
 * a replica that pulled its stub. Authorized like a pull: the tenant's users, and of
 * technicians only the one the order is assigned to.
 */
export function attachmentRoutes(
  app: FastifyInstance,
  db: Database,
  onRequest: onRequestHookHandler,
): void {
  app.get(
    '/api/sync/work_orders/:id/attachments/:attachmentId',
    { onRequest },
    async (request, reply) => {
      const params = parseInput(ParamsSchema, request.params, 'attachment path');
      const claims = claimsOf(request);
      const [row] = await db
        .select({
          tenantId: workOrders.tenantId,
          assigneeId: workOrders.assigneeId,
          contentType: workOrderAttachments.contentType,
          data: workOrderAttachments.data,
        })
        .from(workOrderAttachments)
        .innerJoin(workOrders, eq(workOrders.id, workOrderAttachments.workOrderId))
        .where(
          and(
            eq(workOrderAttachments.workOrderId, params.id),
            eq(workOrderAttachments.attachmentId, params.attachmentId),
          ),
        );
      const visible =
        row &&
        row.tenantId === claims.tenantId &&
        (claims.role !== 'technician' || row.assigneeId === claims.userId);
      // Another tenant's or technician's attachment looks like a missing one.
      if (!visible) throw new HttpError(404, 'not_found', 'No such attachment');
      return reply
        .header('content-type', row.contentType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(row.data);
    },
  );
}
