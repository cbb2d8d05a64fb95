import type { FastifyInstance } from 'fastify';
import type { UserProfile } from '../../src-shared/domain/user';
import type { AccessTokens } from '../auth/access-tokens';
import { authenticate, claimsOf } from '../auth/authenticate';
import { findUserById } from '../auth/users';
import type { Database } from '../db/connect';
import { HttpError } from '../http/errors';

export interface MeRoutesOptions {
  db: Database;
  tokens: AccessTokens;
}

export async function meRoutes(app: FastifyInstance, options: MeRoutesOptions): Promise<void> {
  app.get('/api/me', { onRequest: authenticate(options.tokens) }, async (request) => {
    const claims = claimsOf(request);
    const user = await findUserById(options.db, claims.userId);
    // A token outlives a disabled or deleted account by at most its short lifetime; here
    // the account is checked anyway because the profile is read from the database.
    if (!user || user.disabled || user.profile.tenantId !== claims.tenantId) {
      throw new HttpError(401, 'unauthorized', 'The account no longer exists or is disabled');
    }
    const profile: UserProfile = user.profile;
    return profile;
  });
}
