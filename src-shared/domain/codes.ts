/**
 * Reason codes for "not ready" and disposition codes for wrap-up. Labels live in the
 * renderer's translations under the same keys. (They move to the replicated reference data
 * once that collection syncs.)
 */
export const NOT_READY_REASONS = [
  'break',
  'lunch',
  'meeting',
  'training',
  'after_call_work',
] as const;
export type NotReadyReason = (typeof NOT_READY_REASONS)[number];

export const DISPOSITIONS = [
  'resolved',
  'information_given',
  'work_order_created',
  'follow_up',
  'escalated',
  'wrong_number',
  'no_response',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
