import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/connect';
import { agentPresence, referenceItems, sipAccounts, userGroups, users } from '../db/schema';
import {
  MAX_DIRECTORY_COLLEAGUES,
  type DirectoryColleague,
  type DirectoryGroup,
  type PresenceReport,
  type PresenceState,
} from '../../src-shared/http/directory';

export interface Reporter {
  userId: string;
  tenantId: string;
}

/**
 * Records an agent core's report. The lease is counted on the database's clock (now()), not
 * this process's, so that every server process on the database reads the same expiry; a
 * renewal of an unchanged state keeps the moment that state began.
 */
export async function recordPresence(
  db: Database,
  reporter: Reporter,
  report: PresenceReport,
  leaseSeconds: number,
): Promise<void> {
  const reasonCode = report.state === 'not_ready' ? (report.reasonCode ?? null) : null;
  const lease = sql`now() + ${leaseSeconds}::int * interval '1 second'`;
  await db
    .insert(agentPresence)
    .values({
      userId: reporter.userId,
      tenantId: reporter.tenantId,
      state: report.state,
      reasonCode,
      leaseExpiresAt: lease,
    })
    .onConflictDoUpdate({
      target: agentPresence.userId,
      set: {
        state: sql`excluded.state`,
        reasonCode: sql`excluded.reason_code`,
        // A lapsed lease means the agent was offline in between: his state begins anew.
        stateSince: sql`case when ${agentPresence.state} is not distinct from excluded.state
          and ${agentPresence.reasonCode} is not distinct from excluded.reason_code
          and ${agentPresence.leaseExpiresAt} > now()
          then ${agentPresence.stateSince} else now() end`,
        leaseExpiresAt: lease,
      },
    });
}

type ColleagueRow = {
  userId: string;
  displayName: string;
  username: string;
  role: DirectoryColleague['role'];
  sipUri: string;
  state: string | null;
  reasonCode: string | null;
  stateSince: Date | null;
  live: boolean | null;
};

/** The user part of `sip:user@host`, what colleagues dial as his extension. */
function extensionOf(sipUri: string): string {
  return sipUri.replace(/^sips?:/, '').split('@')[0] ?? '';
}

function presenceOf(
  row: ColleagueRow,
): Pick<DirectoryColleague, 'presence' | 'reasonCode' | 'since'> {
  if (row.state === null || !row.live) {
    return { presence: 'offline', reasonCode: null, since: null };
  }
  return {
    presence: row.state as PresenceState,
    reasonCode: row.state === 'not_ready' ? row.reasonCode : null,
    since: row.stateSince?.toISOString() ?? null,
  };
}

/**
 * The tenant's colleagues who can be transferred to (an enabled user with a SIP account),
 * the asking user left out, with their teams, queues and presence.
 */
export async function listColleagues(db: Database, asker: Reporter): Promise<DirectoryColleague[]> {
  const rows: ColleagueRow[] = await db
    .select({
      userId: users.id,
      displayName: users.displayName,
      username: users.username,
      role: users.role,
      sipUri: sipAccounts.aor,
      state: agentPresence.state,
      reasonCode: agentPresence.reasonCode,
      stateSince: agentPresence.stateSince,
      live: sql<boolean | null>`${agentPresence.leaseExpiresAt} > now()`,
    })
    .from(users)
    .innerJoin(sipAccounts, eq(sipAccounts.userId, users.id))
    .leftJoin(agentPresence, eq(agentPresence.userId, users.id))
    .where(
      and(
        eq(users.tenantId, asker.tenantId),
        eq(users.disabled, false),
        ne(users.id, asker.userId),
      ),
    )
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(MAX_DIRECTORY_COLLEAGUES);
  const groups = await groupsOf(
    db,
    asker.tenantId,
    rows.map((row) => row.userId),
  );
  return rows.map((row) => ({
    userId: row.userId,
    displayName: row.displayName.slice(0, 200),
    username: row.username,
    role: row.role,
    sipUri: row.sipUri,
    extension: extensionOf(row.sipUri),
    teams: groups.get(`team:${row.userId}`) ?? [],
    queues: groups.get(`queue:${row.userId}`) ?? [],
    ...presenceOf(row),
  }));
}

/** Memberships labelled from the tenant's own reference rows; an inactive group is left out. */
async function groupsOf(
  db: Database,
  tenantId: string,
  userIds: string[],
): Promise<Map<string, DirectoryGroup[]>> {
  const byUser = new Map<string, DirectoryGroup[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({
      userId: userGroups.userId,
      kind: userGroups.kind,
      key: userGroups.key,
      labelEn: referenceItems.labelEn,
      labelZh: referenceItems.labelZh,
    })
    .from(userGroups)
    .innerJoin(
      referenceItems,
      and(
        eq(referenceItems.tenantId, tenantId),
        eq(referenceItems.kind, userGroups.kind),
        eq(referenceItems.key, userGroups.key),
        eq(referenceItems.active, true),
        eq(referenceItems.deleted, false),
      ),
    )
    .where(inArray(userGroups.userId, userIds))
    .orderBy(asc(referenceItems.sortOrder), asc(userGroups.key));
  for (const row of rows) {
    const id = `${row.kind}:${row.userId}`;
    const list = byUser.get(id) ?? [];
    if (list.length < 50) list.push({ key: row.key, labelEn: row.labelEn, labelZh: row.labelZh });
    byUser.set(id, list);
  }
  return byUser;
}
