import { SignJWT, jwtVerify } from 'jose';
import { z } from 'zod';
import { RoleSchema, type Role } from '../../src-shared/domain/roles';

export const TOKEN_ISSUER = 'switchboard-server';
export const TOKEN_AUDIENCE = 'switchboard';
const ALGORITHM = 'HS256';

export interface AccessClaims {
  userId: string;
  tenantId: string;
  role: Role;
}

const PayloadSchema = z.object({
  sub: z.string().uuid(),
  tid: z.string().uuid(),
  role: RoleSchema,
});

export interface AccessTokens {
  sign(claims: AccessClaims): Promise<{ token: string; expiresAt: Date }>;
  /** The claims of a valid token; null for anything forged, expired, tampered or malformed. */
  verify(token: string): Promise<AccessClaims | null>;
}

export function createAccessTokens(key: Uint8Array, ttlSeconds: number): AccessTokens {
  return {
    async sign(claims) {
      const issuedAt = Math.floor(Date.now() / 1000);
      const expiresAt = new Date((issuedAt + ttlSeconds) * 1000);
      const token = await new SignJWT({ tid: claims.tenantId, role: claims.role })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setSubject(claims.userId)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(key);
      return { token, expiresAt };
    },
    async verify(token) {
      try {
        // Pinning the algorithm refuses 'none' and any algorithm-confusion trick.
        const { payload } = await jwtVerify(token, key, {
          algorithms: [ALGORITHM],
          issuer: TOKEN_ISSUER,
          audience: TOKEN_AUDIENCE,
          requiredClaims: ['exp', 'iat', 'sub'],
        });
        const parsed = PayloadSchema.safeParse(payload);
        if (!parsed.success) return null;
        return { userId: parsed.data.sub, tenantId: parsed.data.tid, role: parsed.data.role };
      } catch {
        return null;
      }
    },
  };
}
