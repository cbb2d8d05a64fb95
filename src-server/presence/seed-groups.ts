import type { Database } from '../db/connect';
import { userGroups } from '../db/schema';

/** Demo memberships by username: keys of the demo reference catalog's teams and queues. */
const DEMO_GROUPS: Record<string, { team: string; queues: string[] }> = {
  agent: { team: 'front_line', queues: ['general', 'technical'] },
  agent2: { team: 'front_line', queues: ['sales', 'vip'] },
  supervisor: { team: 'front_line', queues: ['vip'] },
  tech: { team: 'field', queues: [] },
  tech2: { team: 'field', queues: [] },
  admin: { team: 'back_office', queues: ['billing', 'complaints_desk'] },
};

/** Puts the demo tenant's users in their teams and queues (the directory shows them). */
export async function seedDemoGroups(
  db: Database,
  created: readonly { id: string; username: string }[],
): Promise<void> {
  const rows = created.flatMap(({ id, username }) => {
    const groups = DEMO_GROUPS[username];
    if (!groups) return [];
    return [
      { userId: id, kind: 'team', key: groups.team },
      ...groups.queues.map((key) => ({ userId: id, kind: 'queue', key })),
    ];
  });
  if (rows.length > 0) await db.insert(userGroups).values(rows).onConflictDoNothing();
}
