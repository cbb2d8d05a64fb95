import { PHONE_SLOTS } from '../../../src-shared/rxdb/customer-keys';
import type { SyncCollection } from '../../../src-shared/sync/protocol';

/**
 * Indexes kept up while a collection's first load runs; the others are built when it has
 * arrived (decision 0026). These serve the screen pop (a caller's numbers: the core asks the
 * replica first, and a query without its index scans the table on main's thread) and the
 * caller's 360 (his orders and his last calls), which must stay fast while a new desktop's
 * first sync runs. The search box's indexes (name, pinyin, account number) are built after.
 */
export const KEPT_DURING_LOAD: Partial<Record<SyncCollection, string[][]>> = {
  customers: PHONE_SLOTS.map((slot) => [slot]),
  work_orders: [['customerId', 'updatedAt']],
  interactions: [['customerId', 'startedAt']],
};
