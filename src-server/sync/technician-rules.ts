import { technicianMayMove, type WorkOrderStatus } from '../../src-shared/domain/work-order';
import type { WireDocument } from '../../src-shared/sync/protocol';
import { DocumentError } from './adapter';

/**
 * What a field technician may change on a work order assigned to him: its status along the
 * field workflow; its history (notes), parts used and time spent (append-only, checked by the
 * adapter); the reason he could not complete it; its photos, files and the customer's
 * signature (attachments, added only). Everything else — assignment, appointment, priority,
 * description, queue, form fields, deletion — is the call center's.
 */
export const TECHNICIAN_FIELDS: readonly string[] = [
  'status',
  'history',
  'partsUsed',
  'timeSpent',
  'couldNotCompleteReason',
  '_attachments',
];

/** Throws a 403 naming the first field or transition the technician may not push. */
export function checkTechnicianChange(
  userId: string,
  master: WireDocument,
  next: WireDocument,
  changed: readonly string[],
): void {
  if (master['assigneeId'] !== userId) {
    throw new DocumentError(403, `work order ${master.id} is not assigned to you`);
  }
  const field = changed.find((f) => !TECHNICIAN_FIELDS.includes(f));
  if (field) {
    throw new DocumentError(
      403,
      `a technician may not change the field '${field}' of a work order`,
    );
  }
  if (changed.includes('status')) {
    const from = master['status'] as WorkOrderStatus;
    const to = next['status'] as WorkOrderStatus;
    if (!technicianMayMove(from, to)) {
      throw new DocumentError(
        403,
        `a technician may not change the field 'status' from '${from}' to '${to}'`,
      );
    }
  }
  // The reason goes with the move to could_not_complete, and only with it.
  if (changed.includes('couldNotCompleteReason') || next['status'] === 'could_not_complete') {
    const reason = String(next['couldNotCompleteReason'] ?? '').trim();
    if (next['status'] !== 'could_not_complete' || !changed.includes('status')) {
      if (changed.includes('couldNotCompleteReason')) {
        throw new DocumentError(
          403,
          `a technician may set 'couldNotCompleteReason' only with the move to 'could_not_complete'`,
        );
      }
    } else if (reason === '') {
      throw new DocumentError(400, `work order ${master.id}: 'could_not_complete' needs a reason`);
    }
  }
}
