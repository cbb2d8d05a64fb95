/** Value sets of the server's enumerated columns (shared by the schema and the demo data). */

export {
  WORK_ORDER_PRIORITIES,
  WORK_ORDER_STATUSES,
  WORK_ORDER_TYPES,
  type WorkOrderPriority,
  type WorkOrderStatus,
  type WorkOrderType,
} from '../../src-shared/domain/work-order';
import type { WorkOrderStatus } from '../../src-shared/domain/work-order';

export const INTERACTION_CHANNELS = ['voice', 'email', 'chat', 'sms', 'callback'] as const;
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];

export const INTERACTION_DIRECTIONS = ['inbound', 'outbound'] as const;
export type InteractionDirection = (typeof INTERACTION_DIRECTIONS)[number];

/** One step in a work order's life, kept in its history column. */
export interface WorkOrderHistoryEntry {
  at: string;
  status: WorkOrderStatus;
  byUserId: string | null;
  note?: string;
}
