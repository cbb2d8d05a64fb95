import { z } from 'zod';

/** What the state bar shows about replication with the central server. */
export const SyncStatusSchema = z.object({
  /** False when this desktop has no replica, or nobody is signed in. */
  enabled: z.boolean(),
  online: z.boolean(),
  /** Epoch ms of the last successful exchange; 0 before the first. */
  lastSyncAt: z.number(),
  pendingPushes: z.number().int().min(0),
  errors: z.array(z.string()),
  conflicts: z.number().int().min(0),
});
export type SyncStatusView = z.infer<typeof SyncStatusSchema>;
