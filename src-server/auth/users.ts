import { and, eq } from 'drizzle-orm';
import type { UserProfile } from '../../src-shared/domain/user';
import type { Database } from '../db/connect';
import { tenants, users } from '../db/schema';

export interface UserRecord {
  profile: UserProfile;
  passwordHash: string;
  disabled: boolean;
}

const columns = {
  id: users.id,
  tenantId: users.tenantId,
  tenantSlug: tenants.slug,
  tenantName: tenants.name,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  locale: users.locale,
  passwordHash: users.passwordHash,
  disabled: users.disabled,
};

type Row = UserProfile & { passwordHash: string; disabled: boolean };

function toRecord(row: Row): UserRecord {
  const { passwordHash, disabled, ...profile } = row;
  return { profile, passwordHash, disabled };
}

export async function findUserByLogin(
  db: Database,
  tenantSlug: string,
  username: string,
): Promise<UserRecord | null> {
  const [row] = await db
    .select(columns)
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(and(eq(tenants.slug, tenantSlug), eq(users.username, username)));
  return row ? toRecord(row) : null;
}

export async function findUserById(db: Database, userId: string): Promise<UserRecord | null> {
  const [row] = await db
    .select(columns)
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(eq(users.id, userId));
  return row ? toRecord(row) : null;
}
