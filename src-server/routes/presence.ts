import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  DirectoryQuerySchema,
  PresenceReportSchema,
  type Directory,
  type PresenceLease,
} from '../../src-shared/http/directory';
import type { AccessClaims, AccessTokens } from '../auth/access-tokens';
import { authenticate, claimsOf } from '../auth/authenticate';
import { findUserById } from '../auth/users';
import type { Database } from '../db/connect';
import { HttpError } from '../http/errors';
import { parseInput } from '../http/validate';
import { listDepartments } from '../presence/departments';
import { listColleagues, recordPresence } from '../presence/presence-store';

export const DEFAULT_PRESENCE_LEASE_SECONDS = 90;

export interface PresenceRoutesOptions {
  db: Database;
  tokens: AccessTokens;
  /** How long one report holds before the agent counts as offline. */
  leaseSeconds?: number;
}

/**
 * Technicians take no calls and transfer none: they neither report presence nor read the
 * directory (403, not an empty list that would look like a tenant without colleagues).
 */
function callCenterClaims(request: FastifyRequest): AccessClaims {
  const claims = claimsOf(request);
  if (claims.role === 'technician') {
    throw new HttpError(403, 'forbidden', 'Field technicians have no softphone directory');
  }
  return claims;
}

/**
 * PUT /api/me/presence: the signed-in agent core's report of its agent's state, renewed
 * before the lease it answers with runs out. GET /api/directory: the tenant's colleagues with
 * their presence, and its departments, for the transfer and consult dialog.
 */
export async function presenceRoutes(
  app: FastifyInstance,
  options: PresenceRoutesOptions,
): Promise<void> {
  const leaseSeconds = options.leaseSeconds ?? DEFAULT_PRESENCE_LEASE_SECONDS;
  const onRequest = authenticate(options.tokens);

  app.put('/api/me/presence', { onRequest }, async (request): Promise<PresenceLease> => {
    const claims = callCenterClaims(request);
    const report = parseInput(PresenceReportSchema, request.body, 'presence report');
    // A token outlives a disabled account by its short lifetime; his reports stop at once.
    const user = await findUserById(options.db, claims.userId);
    if (!user || user.disabled || user.profile.tenantId !== claims.tenantId) {
      throw new HttpError(401, 'unauthorized', 'The account no longer exists or is disabled');
    }
    await recordPresence(options.db, claims, report, leaseSeconds);
    return { leaseSeconds };
  });

  app.get('/api/directory', { onRequest }, async (request): Promise<Directory> => {
    const claims = callCenterClaims(request);
    parseInput(DirectoryQuerySchema, request.query, 'query');
    const [colleagues, departments] = await Promise.all([
      listColleagues(options.db, claims),
      listDepartments(options.db, claims.tenantId),
    ]);
    return { colleagues, departments };
  });
}
