import { CLOSED_WORK_ORDER_STATUSES } from '../../src-shared/domain/work-order';
import type { ReplicaDatabase } from '../replica/open-replica';
import type { UnsyncedDocument } from '../sync/start-sync';

/** How much room a technician's laptop gives the replica's attachments, and for how long. */
export type StorageBudget = {
  /** Bytes of attachments the replica may hold; adding beyond it is refused. */
  quotaBytes: number;
  /** A closed order leaves the replica this many days after its last change. */
  cleanUpAfterDays: number;
};

export const DEFAULT_STORAGE_BUDGET: StorageBudget = {
  quotaBytes: 512 * 1024 * 1024,
  cleanUpAfterDays: 14,
};

/** Bytes of every attachment in the replica's work orders. */
export async function attachmentBytes(replica: ReplicaDatabase): Promise<number> {
  const orders = await replica.work_orders.find().exec();
  return orders.reduce(
    (sum, order) =>
      sum + Object.values(order.toJSON(true)._attachments ?? {}).reduce((n, a) => n + a.length, 0),
    0,
  );
}

/**
 * Removes closed orders (with their attachments) whose last change is older than the budget
 * allows, from this replica only: sync answers such a deletion itself and never sends it
 * (isLocalOnlyDeletion), and the server keeps the order. Nothing the server has not accepted
 * is removed; when it is not known what the server has (`unsynced` null: sync not running),
 * nothing is removed at all.
 */
export async function cleanUpClosedOrders(
  replica: ReplicaDatabase,
  budget: StorageBudget,
  unsynced: readonly UnsyncedDocument[] | null,
  now: number,
): Promise<number> {
  if (unsynced === null) return 0;
  const waiting = new Set(unsynced.map((u) => u.id));
  const before = now - budget.cleanUpAfterDays * 86_400_000;
  const old = await replica.work_orders
    .find({
      selector: { status: { $in: [...CLOSED_WORK_ORDER_STATUSES] }, updatedAt: { $lt: before } },
    })
    .exec();
  const removable = old.filter((order) => !waiting.has(order.id));
  for (const order of removable) await order.remove();
  return removable.length;
}

/**
 * A deleted work order in closed status is a clean-up of the technician's replica, not an
 * edit: technicians never delete orders (the server refuses it), and the server keeps it.
 */
export function isLocalOnlyDeletion(collection: string, doc: Record<string, unknown>): boolean {
  return (
    collection === 'work_orders' &&
    doc['_deleted'] === true &&
    (CLOSED_WORK_ORDER_STATUSES as readonly unknown[]).includes(doc['status'])
  );
}
