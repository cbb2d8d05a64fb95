import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createWalDatabaseFile } from './new-database-file';

/**
 * One better-sqlite3 connection per database file, shared by every storage instance
 * (collection) of that file. SQLite serialises writers per file anyway; one connection
 * per file means our own instances never wait on each other's locks, and a bulkWrite's
 * read-check-write runs inside one synchronous transaction.
 */
export type SharedConnection = {
  readonly filename: string;
  readonly db: Database.Database;
  /** How long a write waits for another connection's lock before it fails. */
  readonly busyTimeoutMs: number;
  /**
   * `PRAGMA busy_timeout` to 0 and back, prepared once: `db.pragma()` prepares its statement
   * at every call, and writeWhenUnlocked sets the timeout twice per write (a tenth of a
   * millisecond per write in RxDB's runPerformanceTests).
   */
  readonly busyTimeout: { readonly none: Database.Statement; readonly usual: Database.Statement };
  refCount: number;
};

const CONNECTIONS = new Map<string, SharedConnection>();

export type ConnectionPragmas = {
  /** Milliseconds another process's lock is waited for before SQLITE_BUSY. */
  busyTimeoutMs: number;
  /** See docs/decisions/0003-replica-sqlite-durability.md. */
  synchronous: 'FULL' | 'NORMAL';
  /**
   * SQLite's page cache per connection, KiB (an upper bound; pages are allocated as
   * used). SQLite's default of 2 MiB makes a large sync batch re-read the same index pages
   * from the OS for every document; at 1,000,000 customers the indexes are far bigger.
   */
  cacheSizeKiB: number;
};

export const DEFAULT_PRAGMAS: ConnectionPragmas = {
  busyTimeoutMs: 5000,
  synchronous: 'FULL',
  cacheSizeKiB: 64 * 1024,
};

export function acquireConnection(
  filename: string,
  pragmas: ConnectionPragmas = DEFAULT_PRAGMAS,
): SharedConnection {
  const key = filename === ':memory:' ? filename : resolve(filename);
  const existing = CONNECTIONS.get(key);
  if (existing && existing.db.open) {
    existing.refCount += 1;
    return existing;
  }
  if (key !== ':memory:') {
    mkdirSync(dirname(key), { recursive: true });
    createWalDatabaseFile(key);
  }
  const db = new Database(key, { timeout: pragmas.busyTimeoutMs });
  try {
    configure(db, pragmas);
  } catch (error) {
    db.close();
    throw error;
  }
  const conn: SharedConnection = {
    filename: key,
    db,
    busyTimeoutMs: pragmas.busyTimeoutMs,
    busyTimeout: {
      none: db.prepare('PRAGMA busy_timeout = 0'),
      usual: db.prepare(`PRAGMA busy_timeout = ${Math.trunc(pragmas.busyTimeoutMs)}`),
    },
    refCount: 1,
  };
  CONNECTIONS.set(key, conn);
  return conn;
}

function configure(db: Database.Database, pragmas: ConnectionPragmas): void {
  // Reading the header first makes "file is not a database" surface here, on open,
  // where open-replica can move the file aside, instead of on the first query.
  db.pragma('schema_version');
  db.pragma(`busy_timeout = ${Math.trunc(pragmas.busyTimeoutMs)}`);
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal' && db.name !== ':memory:') {
    throw new Error(`replica: could not switch ${db.name} to WAL (journal_mode=${String(mode)})`);
  }
  db.pragma(`synchronous = ${pragmas.synchronous}`);
  db.pragma(`cache_size = -${Math.trunc(pragmas.cacheSizeKiB)}`);
  db.pragma('foreign_keys = ON');
}

/** Longest pause between two tries of a write that found the file locked. */
const MAX_BUSY_PAUSE_MS = 20;

/**
 * Runs `write` (a transaction that begins IMMEDIATE) without letting SQLite's busy handler
 * sleep this thread while another connection holds the write lock, such as the sync load
 * worker's (decision 0024): the try fails at once, and is made again after an asynchronous
 * pause, until the busy timeout has passed. The agent core's event loop goes on meanwhile.
 */
export async function writeWhenUnlocked<T>(conn: SharedConnection, write: () => T): Promise<T> {
  const deadline = performance.now() + conn.busyTimeoutMs;
  for (let pause = 1; ; pause = Math.min(pause * 2, MAX_BUSY_PAUSE_MS)) {
    conn.busyTimeout.none.get();
    try {
      return write();
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
      if (performance.now() >= deadline) throw error;
    } finally {
      conn.busyTimeout.usual.get();
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

export function releaseConnection(conn: SharedConnection): void {
  conn.refCount -= 1;
  if (conn.refCount > 0) return;
  if (CONNECTIONS.get(conn.filename) === conn) CONNECTIONS.delete(conn.filename);
  if (conn.db.open) {
    // Folds the WAL back into the main file so a closed replica is one self-contained file.
    try {
      conn.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Another process may hold the WAL; the next open checkpoints it.
    }
    conn.db.close();
  }
}

/** Number of open shared connections; tests use it to prove nothing leaks. */
export function openConnectionCount(): number {
  return CONNECTIONS.size;
}
