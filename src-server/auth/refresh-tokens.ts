import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/connect';
import { refreshTokens } from '../db/schema';

export interface IssuedRefreshToken {
  id: string;
  token: string;
  expiresAt: Date;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

type Executor = Pick<Database, 'insert' | 'update' | 'select'>;

async function insertToken(
  db: Executor,
  userId: string,
  familyId: string,
  ttlSeconds: number,
): Promise<IssuedRefreshToken> {
  // 256 random bits: guessing is hopeless, so a fast hash (not argon2) is enough at rest.
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const [row] = await db
    .insert(refreshTokens)
    .values({ userId, familyId, tokenHash: hashRefreshToken(token), expiresAt })
    .returning({ id: refreshTokens.id });
  if (!row) throw new Error('refresh token insert returned nothing');
  return { id: row.id, token, expiresAt };
}

/** Starts a new token family (one per login). */
export function issueRefreshToken(
  db: Database,
  userId: string,
  ttlSeconds: number,
): Promise<IssuedRefreshToken> {
  return insertToken(db, userId, randomUUID(), ttlSeconds);
}

export type RotateResult =
  | { ok: true; userId: string; familyId: string; next: IssuedRefreshToken }
  | { ok: false; reason: 'invalid' | 'reused' };

/**
 * Exchanges a refresh token for its successor in the same family. A token that was
 * already used means it leaked (or a client raced itself): the whole family is revoked,
 * so that whoever holds any token of it must log in again.
 */
export function rotateRefreshToken(
  db: Database,
  token: string,
  ttlSeconds: number,
): Promise<RotateResult> {
  const tokenHash = hashRefreshToken(token);
  return db.transaction(async (tx) => {
    const now = new Date();
    // The conditional update is the claim: of two concurrent uses only one gets the row.
    const [claimed] = await tx
      .update(refreshTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(refreshTokens.tokenHash, tokenHash),
          isNull(refreshTokens.usedAt),
          isNull(refreshTokens.revokedAt),
          gt(refreshTokens.expiresAt, now),
        ),
      )
      .returning({
        id: refreshTokens.id,
        userId: refreshTokens.userId,
        familyId: refreshTokens.familyId,
      });
    if (claimed) {
      const next = await insertToken(tx, claimed.userId, claimed.familyId, ttlSeconds);
      await tx
        .update(refreshTokens)
        .set({ replacedBy: next.id })
        .where(eq(refreshTokens.id, claimed.id));
      return { ok: true, userId: claimed.userId, familyId: claimed.familyId, next };
    }
    const [existing] = await tx
      .select({ familyId: refreshTokens.familyId, usedAt: refreshTokens.usedAt })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, tokenHash));
    if (existing?.usedAt) {
      await revokeFamily(tx, existing.familyId);
      return { ok: false, reason: 'reused' };
    }
    return { ok: false, reason: 'invalid' };
  });
}

export async function revokeFamily(db: Executor, familyId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

/** Revokes the family of a token (logout). Unknown tokens are ignored: logout is idempotent. */
export async function revokeFamilyOf(db: Database, token: string): Promise<void> {
  const [row] = await db
    .select({ familyId: refreshTokens.familyId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hashRefreshToken(token)));
  if (row) await revokeFamily(db, row.familyId);
}
