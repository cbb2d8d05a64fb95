import { z } from 'zod';

export const HealthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['postgres', 'pglite']),
  version: z.string(),
});
export type Health = z.infer<typeof HealthSchema>;
