import { technicianMayMove, type WorkOrderStatus } from '../../src-shared/domain/work-order';
import type { WireDocument } from '../../src-shared/sync/protocol';
import { DocumentError } from './adapter';

/**
 * What a field technician may change on a work order assigned to him: its status along the
 * field workflow, and its history (append-only, checked by the adapter). Everything else —
 * assignment, appointment, priority, description, deletion — is the call center's.
 */
export const TECHNICIAN_FIELDS: readonly string[] = ['status', 'history'];

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
}
