import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ReplicaDatabase } from '../replica/open-replica';

/** Whose rows a replica holds: one file per user, so a shared desk never shows another's. */
export type ReplicaOwner = { tenantId: string; userId: string };

const OwnerSchema = z.strictObject({ tenantId: z.uuid(), userId: z.uuid() });
const LAST_OWNER_FILE = 'last-owner.json';

export type ReplicaSwitch = {
  /** Always the open replica: a stand-in that forwards to the current user's database. */
  readonly database: ReplicaDatabase;
  /**
   * Opens `owner`'s replica in place of the current one (closed, kept on disk with whatever
   * it has not uploaded yet). True when the replica changed, so views over the old one must
   * be rebuilt.
   */
  use(owner: ReplicaOwner): Promise<boolean>;
  close(): Promise<void>;
};

/**
 * The desktop's replicas under `baseDir`: `<tenantId>/<userId>/` per user who signed in here.
 * At start the last user's replica opens (on a desk one person uses, signing in changes
 * nothing); before anyone has signed in, an empty one in `signed-out/`. A replica from before
 * this layout (`baseDir` itself, owner unknown) is moved aside, never opened for someone who
 * may not be its owner and never deleted.
 */
export async function openReplicaSwitch(options: {
  baseDir: string;
  open: (dataDir: string) => Promise<ReplicaDatabase>;
  warn: (message: string) => void;
}): Promise<ReplicaSwitch> {
  const { baseDir } = options;
  await mkdir(baseDir, { recursive: true });
  await moveAsideUnownedReplica(baseDir, options.warn);
  let owner = await readLastOwner(baseDir, options.warn);
  let current = await options.open(owner ? ownerDir(baseDir, owner) : signedOutDir(baseDir));
  // Switches are serialised: two sign-ins at once must not open two databases.
  let queue: Promise<unknown> = Promise.resolve();

  const database = new Proxy({} as ReplicaDatabase, {
    get(_target, property) {
      const value: unknown = Reflect.get(current, property, current);
      return typeof value === 'function' ? (value as () => unknown).bind(current) : value;
    },
    has: (_target, property) => Reflect.has(current, property),
  });

  return {
    database,
    async use(next) {
      const checked = OwnerSchema.parse(next);
      const switched = queue.then(async () => {
        if (owner && owner.tenantId === checked.tenantId && owner.userId === checked.userId) {
          return false;
        }
        await current.close();
        current = await options.open(ownerDir(baseDir, checked));
        owner = checked;
        await writeFile(path.join(baseDir, LAST_OWNER_FILE), JSON.stringify(checked));
        return true;
      });
      queue = switched.catch(() => undefined);
      return switched;
    },
    async close() {
      await queue;
      await current.close();
    },
  };
}

function ownerDir(baseDir: string, owner: ReplicaOwner): string {
  // Both are UUIDs (checked): safe as folder names.
  return path.join(baseDir, owner.tenantId, owner.userId);
}

function signedOutDir(baseDir: string): string {
  return path.join(baseDir, 'signed-out');
}

async function readLastOwner(
  baseDir: string,
  warn: (message: string) => void,
): Promise<ReplicaOwner | null> {
  const file = path.join(baseDir, LAST_OWNER_FILE);
  if (!existsSync(file)) return null;
  try {
    return OwnerSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    warn(`replica: ${file} is unreadable (${String(error)}); starting signed out`);
    return null;
  }
}

/** SQLite files directly in `baseDir`: the one-replica-per-desktop layout, owner unknown. */
async function moveAsideUnownedReplica(
  baseDir: string,
  warn: (message: string) => void,
): Promise<void> {
  const files = (await readdir(baseDir)).filter((name) => /\.sqlite(-wal|-shm)?$/.test(name));
  if (files.length === 0) return;
  const aside = path.join(baseDir, `unowned-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await mkdir(aside, { recursive: true });
  for (const name of files) await rename(path.join(baseDir, name), path.join(aside, name));
  warn(
    `replica: a replica of unknown owner was moved to ${aside}; each user now has his own, ` +
      `filled by his next sync. Edits it had not uploaded, if any, are only in that copy.`,
  );
}
