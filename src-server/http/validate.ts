import type { z } from 'zod';
import { HttpError, zodIssues } from './errors';

/** Parses request input with a shared zod schema; a mismatch is a 400 listing every issue. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw new HttpError(400, 'bad_request', `The ${what} is not valid`, zodIssues(result.error));
  }
  return result.data;
}
