/**
 * The work order vocabulary shared by the replica, the server and the screens: one list of
 * types and statuses, so a status means the same thing on every side of sync.
 */

export const WORK_ORDER_TYPES = [
  'complaint',
  'repair',
  'emergency_repair',
  'service_request',
  'appointment',
  'inquiry',
  'suggestion',
] as const;
export type WorkOrderType = (typeof WORK_ORDER_TYPES)[number];

/**
 * Priorities, 1 the highest (dispatched first) to 5 the lowest (planned work, inquiries): the
 * P1..P5 scale call centers use. The server stores the number itself, so every level a form
 * offers survives sync.
 */
export const WORK_ORDER_PRIORITIES = [1, 2, 3, 4, 5] as const;
export type WorkOrderPriority = (typeof WORK_ORDER_PRIORITIES)[number];

/** The order matches the server's enum type (migration 0001): append, never reorder. */
export const WORK_ORDER_STATUSES = [
  'new',
  'assigned',
  'accepted',
  'en_route',
  'on_site',
  'waiting_parts',
  'resolved',
  'closed',
  'cancelled',
  'could_not_complete',
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

/**
 * Workflow progress, lowest first: a merge never moves a status to an earlier entry of this
 * list (replica-merge.ts), so concurrent edits cannot reopen a finished order.
 */
export const WORK_ORDER_STATUS_PROGRESS: readonly WorkOrderStatus[] = [
  'new',
  'assigned',
  'accepted',
  'en_route',
  'on_site',
  'waiting_parts',
  'could_not_complete',
  'resolved',
  'closed',
  'cancelled',
];

/** Statuses after which nothing more is done on the order. */
export const CLOSED_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = [
  'resolved',
  'closed',
  'cancelled',
  'could_not_complete',
];

export function isWorkOrderOpen(status: WorkOrderStatus): boolean {
  return !CLOSED_WORK_ORDER_STATUSES.includes(status);
}

/**
 * What a field technician may do to an order assigned to him, from each status. The call
 * center assigns, reopens, closes and cancels; the technician works the order in the field.
 */
export const TECHNICIAN_TRANSITIONS: Readonly<Record<WorkOrderStatus, readonly WorkOrderStatus[]>> =
  {
    new: [],
    assigned: ['accepted'],
    accepted: ['en_route', 'could_not_complete'],
    en_route: ['on_site', 'could_not_complete'],
    on_site: ['waiting_parts', 'resolved', 'could_not_complete'],
    waiting_parts: ['on_site', 'resolved', 'could_not_complete'],
    could_not_complete: [],
    resolved: [],
    closed: [],
    cancelled: [],
  };

export function technicianMayMove(from: WorkOrderStatus, to: WorkOrderStatus): boolean {
  return TECHNICIAN_TRANSITIONS[from]?.includes(to) ?? false;
}
