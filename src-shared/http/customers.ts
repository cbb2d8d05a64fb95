import { z } from 'zod';
import { CustomerSummarySchema } from '../domain/customer';

export const CustomerSearchQuerySchema = z.strictObject({
  /** Name, pinyin initials, phone digits (any suffix) or account number. */
  q: z.string().trim().max(100).default(''),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type CustomerSearchQuery = z.infer<typeof CustomerSearchQuerySchema>;

export const CustomerSearchResultSchema = z.object({
  items: z.array(CustomerSummarySchema),
  total: z.number().int().min(0),
  /** Where the answer came from: the central server, or this desktop's replica when offline. */
  source: z.enum(['server', 'replica']).optional(),
});
export type CustomerSearchResult = z.infer<typeof CustomerSearchResultSchema>;
