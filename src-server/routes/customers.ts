import type { FastifyInstance } from 'fastify';
import { CustomerSearchQuerySchema } from '../../src-shared/http/customers';
import type { AccessTokens } from '../auth/access-tokens';
import { authenticate, claimsOf } from '../auth/authenticate';
import { searchCustomers } from '../customers/search';
import type { Database } from '../db/connect';
import { parseInput } from '../http/validate';

export interface CustomerRoutesOptions {
  db: Database;
  tokens: AccessTokens;
}

export async function customerRoutes(
  app: FastifyInstance,
  options: CustomerRoutesOptions,
): Promise<void> {
  app.get('/api/customers', { onRequest: authenticate(options.tokens) }, async (request) => {
    const query = parseInput(CustomerSearchQuerySchema, request.query, 'search query');
    // The tenant comes from the verified token only, never from the request.
    return searchCustomers(options.db, claimsOf(request).tenantId, query);
  });
}
