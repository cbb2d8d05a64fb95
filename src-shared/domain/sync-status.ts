import { z } from 'zod';

/** What the state bar shows about replication with the central server. */
export const SyncStatusSchema = z.object({
  /** False when this desktop has no replica, or nobody is signed in. */
  enabled: z.boolean(),
  online: z.boolean(),
  /**
   * The replica has everything the server had when this session's sync began; until then it
   * may hold part of it (first sign-in on this desktop), and screens say it is still syncing.
   */
  caughtUp: z.boolean(),
  /** Epoch ms of the last successful exchange; 0 before the first. */
  lastSyncAt: z.number(),
  pendingPushes: z.number().int().min(0),
  errors: z.array(z.string()),
  conflicts: z.number().int().min(0),
});
export type SyncStatusView = z.infer<typeof SyncStatusSchema>;
