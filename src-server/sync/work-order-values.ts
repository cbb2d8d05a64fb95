import type { WorkOrderHistoryEntry as DocEntry } from '../../src-shared/rxdb/work-orders';
import {
  WORK_ORDER_TYPES,
  type WorkOrderHistoryEntry as RowEntry,
  type WorkOrderStatus,
  type WorkOrderType,
} from '../db/enums';

export function isRowType(type: string): type is WorkOrderType {
  return (WORK_ORDER_TYPES as readonly string[]).includes(type);
}

/**
 * A server history entry, plus what a replica entry carries beyond the server's own
 * shape (kept in the same jsonb so that entries round-trip unchanged).
 */
export type StoredEntry = RowEntry & { action?: DocEntry['action']; from?: string; to?: string };

export function docEntry(entry: StoredEntry): DocEntry {
  const out: DocEntry = {
    at: Date.parse(entry.at),
    by: entry.byUserId ?? '',
    action: entry.action ?? 'status',
  };
  if (entry.action) {
    if (entry.from !== undefined) out.from = entry.from;
    if (entry.to !== undefined) out.to = entry.to;
  } else {
    out.to = entry.status;
  }
  if (entry.note !== undefined) out.note = entry.note;
  return out;
}

/** A replica entry as stored; `status` is the order's server status after the change. */
export function storedEntry(entry: DocEntry, status: WorkOrderStatus): StoredEntry {
  return {
    at: new Date(entry.at).toISOString(),
    status,
    byUserId: entry.by || null,
    action: entry.action,
    ...(entry.from !== undefined ? { from: entry.from } : {}),
    ...(entry.to !== undefined ? { to: entry.to } : {}),
    ...(entry.note !== undefined ? { note: entry.note } : {}),
  };
}
