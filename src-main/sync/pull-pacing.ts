import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { SyncCheckpoint } from '../../src-shared/sync/protocol';

/** How long a pull waits for the replica to catch up before it goes on regardless. */
const MAX_WAIT_MS = 5000;
const POLL_MS = 5;

type Internals = { lastCheckpointDoc?: { down?: { checkpointData?: SyncCheckpoint } } };

const isBefore = (a: SyncCheckpoint | undefined, b: SyncCheckpoint) =>
  !a || a.serverSeq < b.serverSeq || (a.serverSeq === b.serverSeq && a.id < b.id);

/**
 * Keeps RxDB's initial pull at most one page ahead of what the replica has written. RxDB
 * fetches the next page while the last is still being written and merges whatever is waiting
 * into one write: with a fast server that write grows to thousands of documents, validated
 * and prepared in one synchronous stretch of the agent core's event loop (see
 * docs/decisions/0013-sync-off-the-event-loop.md). RxDB writes the downstream checkpoint after
 * each persisted write; a pull waits until the page before the previous one is persisted.
 */
export function createPullPacer(replication: () => RxReplicationState<unknown, SyncCheckpoint>) {
  let previous: SyncCheckpoint | undefined;
  const persisted = () =>
    (replication() as unknown as { internalReplicationState?: Internals }).internalReplicationState
      ?.lastCheckpointDoc?.down?.checkpointData;
  return {
    /** Before fetching the page after `checkpoint` (the last page fetched). */
    async beforePull(checkpoint: SyncCheckpoint | undefined): Promise<void> {
      const waitFor = previous;
      previous = checkpoint;
      if (!waitFor) return;
      const deadline = Date.now() + MAX_WAIT_MS;
      while (isBefore(persisted(), waitFor) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
  };
}
