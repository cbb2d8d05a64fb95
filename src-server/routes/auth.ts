import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  LoginRequestSchema,
  LogoutRequestSchema,
  RefreshRequestSchema,
  type TokenPair,
} from '../../src-shared/http/auth';
import type { UserProfile } from '../../src-shared/domain/user';
import type { AccessTokens } from '../auth/access-tokens';
import { verifyPassword } from '../auth/passwords';
import {
  issueRefreshToken,
  revokeFamily,
  revokeFamilyOf,
  rotateRefreshToken,
  type IssuedRefreshToken,
} from '../auth/refresh-tokens';
import { findUserById, findUserByLogin } from '../auth/users';
import type { Database } from '../db/connect';
import { HttpError } from '../http/errors';
import { parseInput } from '../http/validate';

export interface AuthRoutesOptions {
  db: Database;
  tokens: AccessTokens;
  refreshTokenTtlSeconds: number;
  loginRateLimit: { max: number; timeWindowMs: number };
}

// One message for unknown tenant, unknown user and wrong password: no account enumeration.
const BAD_CREDENTIALS = 'Wrong tenant, username or password';
const BAD_REFRESH = 'The refresh token is invalid, expired or revoked; log in again';

/** Login attempts are counted per client address and username (after the body is parsed). */
function loginRateKey(request: FastifyRequest): string {
  const body = request.body as { tenant?: unknown; username?: unknown } | undefined;
  const part = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase().slice(0, 64) : '');
  return `${request.ip}|${part(body?.tenant)}|${part(body?.username)}`;
}

export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions): Promise<void> {
  const { db, tokens, refreshTokenTtlSeconds } = options;

  async function tokenPair(user: UserProfile, refresh: IssuedRefreshToken): Promise<TokenPair> {
    const access = await tokens.sign({ userId: user.id, tenantId: user.tenantId, role: user.role });
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt.toISOString(),
      user,
    };
  }

  app.post(
    '/api/auth/login',
    {
      config: {
        rateLimit: {
          max: options.loginRateLimit.max,
          timeWindow: options.loginRateLimit.timeWindowMs,
          hook: 'preHandler',
          keyGenerator: loginRateKey,
        },
      },
    },
    async (request) => {
      const body = parseInput(LoginRequestSchema, request.body, 'login request');
      const user = await findUserByLogin(db, body.tenant, body.username);
      const ok = await verifyPassword(user?.passwordHash ?? null, body.password);
      if (!user || !ok) throw new HttpError(401, 'unauthorized', BAD_CREDENTIALS);
      // Only said after the right password, so it reveals nothing to a guesser.
      if (user.disabled) throw new HttpError(403, 'forbidden', 'This account is disabled');
      const refresh = await issueRefreshToken(db, user.profile.id, refreshTokenTtlSeconds);
      request.log.info({ userId: user.profile.id }, 'login');
      return tokenPair(user.profile, refresh);
    },
  );

  app.post('/api/auth/refresh', async (request) => {
    const body = parseInput(RefreshRequestSchema, request.body, 'refresh request');
    const result = await rotateRefreshToken(db, body.refreshToken, refreshTokenTtlSeconds);
    if (!result.ok) {
      if (result.reason === 'reused') {
        request.log.warn('refresh token reuse detected; token family revoked');
      }
      throw new HttpError(401, 'unauthorized', BAD_REFRESH);
    }
    const user = await findUserById(db, result.userId);
    if (!user || user.disabled) {
      await revokeFamily(db, result.familyId);
      throw new HttpError(401, 'unauthorized', BAD_REFRESH);
    }
    return tokenPair(user.profile, result.next);
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const body = parseInput(LogoutRequestSchema, request.body, 'logout request');
    await revokeFamilyOf(db, body.refreshToken);
    return reply.code(204).send();
  });
}
