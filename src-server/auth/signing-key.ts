import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/connect';
import { serverSecrets } from '../db/schema';

const JWT_KEY_NAME = 'jwt_hs256_key';

/**
 * The HS256 key every server process signs and verifies access tokens with. The first
 * process to start creates it; ON CONFLICT DO NOTHING makes concurrent starts agree on
 * whichever insert won.
 */
export async function loadSigningKey(db: Database): Promise<Uint8Array> {
  await db
    .insert(serverSecrets)
    .values({ name: JWT_KEY_NAME, value: randomBytes(32).toString('base64') })
    .onConflictDoNothing({ target: serverSecrets.name });
  const [row] = await db
    .select({ value: serverSecrets.value })
    .from(serverSecrets)
    .where(eq(serverSecrets.name, JWT_KEY_NAME));
  if (!row) throw new Error('JWT signing key missing after insert');
  const key = Buffer.from(row.value, 'base64');
  if (key.length < 32) throw new Error('JWT signing key is shorter than 256 bits');
  return new Uint8Array(key);
}
