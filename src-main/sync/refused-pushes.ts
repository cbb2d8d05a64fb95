import type { PushResponse, PushRow, WireDocument } from '../../src-shared/sync/protocol';
import { SyncHttpError } from './server-api';
import type { UnansweredPushes } from './unanswered-pushes';

/**
 * A push the server refuses for what it is (400 invalid, 403 forbidden, 409 duplicate, 413
 * too large) will be refused again however often RxDB retries it. Such a row is answered as
 * a conflict whose master is the last state the server agreed to; the conflict handler then
 * puts that state back and keeps the refused edit, with the server's reason, in a conflict
 * record. Other failures (offline, 401, 5xx) are thrown, and RxDB retries them.
 */
const FINAL_STATUSES = new Set([400, 403, 409, 413]);

export function isFinalRefusal(error: unknown): error is SyncHttpError {
  return error instanceof SyncHttpError && FINAL_STATUSES.has(error.status);
}

/** Refusal reasons by document id, read (once) by the conflict handler. */
export type RefusalBook = Map<string, string>;

/** Pushes a batch; on a final refusal pushes its rows one by one to single out the refused. */
export async function pushWithRefusals(
  rows: PushRow[],
  push: (rows: PushRow[]) => Promise<PushResponse>,
  refusals: RefusalBook,
  unanswered?: UnansweredPushes,
): Promise<WireDocument[]> {
  try {
    // Recorded durably before the push leaves: the answer may never come back (decision 0020).
    await unanswered?.sent(rows);
    // The server may have applied one of them earlier: it says so with the conflict (0023).
    const outgoing = unanswered ? rows.map((row) => unanswered.withSentBefore(row)) : rows;
    const { conflicts, applied } = await push(outgoing);
    unanswered?.answered(rows, conflicts, applied);
    return conflicts;
  } catch (error) {
    if (!isFinalRefusal(error)) throw error;
    unanswered?.answered(rows);
    if (rows.length > 1) {
      const conflicts: WireDocument[] = [];
      for (const row of rows) {
        conflicts.push(...(await pushWithRefusals([row], push, refusals, unanswered)));
      }
      return conflicts;
    }
    const row = rows[0]!;
    refusals.set(row.newDocumentState.id, error.message);
    // A refused creation has no server state: it goes back to "does not exist".
    return [row.assumedMasterState ?? { ...row.newDocumentState, _deleted: true }];
  }
}
