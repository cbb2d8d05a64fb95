import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { SipAccountQuerySchema, SipAccountSchema } from '../../src-shared/http/sip-account';
import type { AccessTokens } from '../auth/access-tokens';
import { authenticate, claimsOf } from '../auth/authenticate';
import type { Database } from '../db/connect';
import { sipAccounts, users } from '../db/schema';
import { HttpError } from '../http/errors';
import { parseInput } from '../http/validate';

export interface SipAccountRoutesOptions {
  db: Database;
  tokens: AccessTokens;
}

/**
 * GET /api/me/sip-account: the softphone account of the user the token belongs to. There is no
 * way to name another user; the password is only in this response, never in a log line.
 */
export async function sipAccountRoutes(
  app: FastifyInstance,
  options: SipAccountRoutesOptions,
): Promise<void> {
  app.get('/api/me/sip-account', { onRequest: authenticate(options.tokens) }, async (request) => {
    parseInput(SipAccountQuerySchema, request.query, 'query');
    const claims = claimsOf(request);
    const [row] = await options.db
      .select({
        aor: sipAccounts.aor,
        registrar: sipAccounts.registrar,
        authUser: sipAccounts.authUser,
        password: sipAccounts.password,
        displayName: users.displayName,
        disabled: users.disabled,
        tenantId: users.tenantId,
      })
      .from(users)
      .leftJoin(sipAccounts, eq(sipAccounts.userId, users.id))
      .where(eq(users.id, claims.userId));
    if (!row || row.disabled || row.tenantId !== claims.tenantId) {
      throw new HttpError(401, 'unauthorized', 'The account no longer exists or is disabled');
    }
    if (row.aor === null) {
      throw new HttpError(404, 'not_found', 'No SIP account is set up for this user');
    }
    const account = SipAccountSchema.safeParse({
      aor: row.aor,
      registrar: row.registrar,
      authUser: row.authUser,
      password: row.password,
      // The engine's display-name slot cannot hold quotes, brackets or line breaks.
      displayName: row.displayName.replace(/["<>\r\n\\]/g, '').slice(0, 128),
    });
    if (!account.success) {
      // Said without the stored values: one of them is the password.
      const fields = account.error.issues.map((issue) => issue.path.join('.')).join(', ');
      request.log.error({ fields }, 'stored SIP account is invalid');
      throw new HttpError(500, 'internal', 'The SIP account stored for this user is not valid');
    }
    return account.data;
  });
}
