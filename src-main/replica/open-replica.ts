import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxDocument,
} from 'rxdb';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { REPLICA_COLLECTIONS, type ReplicaDocTypes } from '../../src-shared/rxdb/collections';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import { isHistoryAppendOnly, type WorkOrderDoc } from '../../src-shared/rxdb/work-orders';
import { fillCustomerKeys } from '../../src-shared/rxdb/customer-keys';
import { isCorruptionError, moveAside } from './move-aside';
import { pullMarks } from './pull-marks';
import { validatedStorage } from './validated-storage';
import { yieldingWrites } from './yielding-writes';
import {
  databaseFile,
  getRxStorageSqlite,
  type SqliteStorageSettings,
} from './storage/sqlite-storage';

export type ReplicaCollections = { [K in keyof ReplicaDocTypes]: RxCollection<ReplicaDocTypes[K]> };
export type ReplicaDatabase = RxDatabase<ReplicaCollections>;

export type ReplicaLogger = {
  info: (msg: string) => void;
  error: (msg: string) => void;
};

export type OpenReplicaOptions = {
  /** Folder of the replica's files (the app's userData/replica). */
  dataDir: string;
  /** RxDB database name = file name without '.sqlite'. */
  name?: string;
  /** RxDB's dev-mode checks; off in production (they cost time on every write). */
  devMode?: boolean;
  logger?: ReplicaLogger;
  storage?: Partial<Omit<SqliteStorageSettings, 'directory'>>;
};

let pluginsAdded = false;
function addPlugins(devMode: boolean): void {
  if (pluginsAdded) return;
  pluginsAdded = true;
  addRxPlugin(RxDBMigrationSchemaPlugin);
  // Work orders keep photos, files and signatures as attachments (decision 0018).
  addRxPlugin(RxDBAttachmentsPlugin);
  // dev-mode is process-global in RxDB: the first open decides.
  if (devMode) addRxPlugin(RxDBDevModePlugin);
}

const consoleLogger: ReplicaLogger = {
  info: () => {},
  error: (msg) => console.error(msg),
};

/**
 * quick_check reads every page once (linear in file size) but skips the index-to-table
 * cross checks of integrity_check; it is what catches a torn or overwritten file before
 * RxDB reads half of it.
 */
function checkFile(file: string): void {
  if (!existsSync(file)) return;
  const db = new Database(file, { fileMustExist: true });
  try {
    const result = db.pragma('quick_check(1)', { simple: true });
    if (result !== 'ok') {
      throw Object.assign(new Error(`quick_check: ${String(result)}`), { code: 'SQLITE_CORRUPT' });
    }
  } finally {
    db.close();
  }
}

async function create(options: OpenReplicaOptions, name: string): Promise<ReplicaDatabase> {
  const storage = getRxStorageSqlite({ ...options.storage, directory: options.dataDir });
  checkFile(databaseFile(storage.settings, name));
  const db = await createRxDatabase<ReplicaCollections>({
    name,
    // Validate in main: writes that arrive over IPC from the renderer are checked here too.
    // Sliced outside the validation, so that both run in short turns of the event loop.
    storage: yieldingWrites(validatedStorage(pullMarks(storage))),
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: true,
  });
  try {
    await db.addCollections(REPLICA_COLLECTIONS);
  } catch (error) {
    await db.close();
    throw error;
  }
  // Derived search keys are computed on every local write; the server computes the same
  // for documents it sends (the derivation lives in customer-keys.ts).
  db.customers.preInsert((doc: CustomerDoc) => fillCustomerKeys(doc), false);
  db.customers.preSave((doc: CustomerDoc) => fillCustomerKeys(doc), false);
  // A work order's history is append-only: refuse a local edit that rewrites it.
  db.work_orders.preSave((next: WorkOrderDoc, prev: RxDocument<WorkOrderDoc>) => {
    if (!isHistoryAppendOnly(prev.history, next.history)) {
      throw new Error(
        `replica: work order ${next.id}: history is append-only; entries may not change`,
      );
    }
  }, false);
  return db;
}

/**
 * Opens the replica. A corrupt database file is moved aside (renamed, never deleted) and a
 * fresh replica is created, which sync then fills again from the server.
 */
export async function openReplica(options: OpenReplicaOptions): Promise<ReplicaDatabase> {
  const name = options.name ?? 'switchboard';
  const devMode = options.devMode ?? process.env['NODE_ENV'] !== 'production';
  const logger = options.logger ?? consoleLogger;
  addPlugins(devMode);
  try {
    return await create(options, name);
  } catch (error) {
    if (!isCorruptionError(error)) throw error;
    const file = databaseFile(getRxStorageSqlite({ directory: options.dataDir }).settings, name);
    const movedTo = moveAside(file);
    logger.error(
      `replica: the database file ${file} is corrupt (${(error as Error).message}); ` +
        `it was moved to ${movedTo} and an empty replica was created. Unsynced local edits, ` +
        `if any, are only in the moved file.`,
    );
    return create(options, name);
  }
}
