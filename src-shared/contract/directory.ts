import { z } from 'zod';
import { DirectoryColleagueSchema, DirectoryDepartmentSchema } from '../http/directory';

/** Why the transfer dialog has no directory to show; a typed number still works. */
export const DIRECTORY_UNAVAILABLE_REASONS = [
  /** The central server did not answer. */
  'offline',
  /** This user's role has no directory (a field technician). */
  'forbidden',
  'signed_out',
  /** The server answered with an error or a body that does not fit. */
  'error',
] as const;

/**
 * The colleagues (with presence) and departments a call can go to, as the central server
 * knows them at this moment; the core asks it afresh each time (presence changes by the second).
 */
export const DirectoryResultSchema = z.discriminatedUnion('available', [
  z.strictObject({
    available: z.literal(true),
    colleagues: z.array(DirectoryColleagueSchema),
    departments: z.array(DirectoryDepartmentSchema),
  }),
  z.strictObject({
    available: z.literal(false),
    reason: z.enum(DIRECTORY_UNAVAILABLE_REASONS),
  }),
]);
export type DirectoryResult = z.infer<typeof DirectoryResultSchema>;
