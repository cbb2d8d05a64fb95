import type { SyncCollection } from '../../src-shared/sync/protocol';

/**
 * RxDB names a replication's meta rows and checkpoints after this identifier: main's
 * replication and the load worker's (initial-load/) must use the same one to share them.
 */
export function replicationIdentifier(collection: SyncCollection, serverUrl: string): string {
  return `switchboard-sync-${collection}-${serverUrl}`;
}
