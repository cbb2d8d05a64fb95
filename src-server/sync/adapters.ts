import type { SyncCollection } from '../../src-shared/sync/protocol';
import type { SyncAdapter } from './adapter';
import { customersAdapter } from './customers-adapter';
import { interactionsAdapter } from './interactions-adapter';
import { referenceAdapter } from './reference-adapter';
import { workOrdersAdapter } from './work-orders-adapter';

export const SYNC_ADAPTERS: Record<SyncCollection, SyncAdapter> = {
  customers: customersAdapter,
  work_orders: workOrdersAdapter,
  interactions: interactionsAdapter,
  reference: referenceAdapter,
};
