import { z } from 'zod';

/** Error codes the central server answers with; clients branch on these, never on messages. */
export const SERVER_ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'payload_too_large',
  'rate_limited',
  'conflict',
  'internal',
] as const;
export const ServerErrorCodeSchema = z.enum(SERVER_ERROR_CODES);
export type ServerErrorCode = z.infer<typeof ServerErrorCodeSchema>;

/** The body of every 4xx/5xx answer from the central server. */
export const ServerErrorBodySchema = z.object({
  error: z.object({
    code: ServerErrorCodeSchema,
    message: z.string(),
    /** Which fields were wrong, for 'bad_request': path joined by '.', and what is wrong. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ServerErrorBody = z.infer<typeof ServerErrorBodySchema>;
