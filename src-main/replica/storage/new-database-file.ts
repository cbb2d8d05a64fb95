import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, rmSync } from 'node:fs';

/**
 * Page size of a database file this storage creates (SQLite's default is 4096). A document
 * row carries its JSON and one key BLOB per RxDB index (~700 bytes for RxDB's benchmark
 * schema), so 4 KiB pages hold five rows; with 8 KiB a cold read reads fewer pages and a
 * bulk insert splits fewer. 16 KiB was no faster in the benchmark and makes each small
 * commit write more. Files created before keep their page size: SQLite reads any.
 */
export const NEW_FILE_PAGE_SIZE = 8192;

/**
 * Creates `file` as an empty database already in WAL mode, if it does not exist.
 *
 * `PRAGMA journal_mode = WAL` on a new file writes its header through a rollback journal:
 * journal file created, fsynced twice, directory fsynced, header written and fsynced, journal
 * deleted. An empty file has nothing for a journal to protect, so the header is written with
 * the journal in memory (one write, one fsync) — but only on a file no other connection can
 * see: a private temporary name, linked to `file` afterwards. link() fails if `file` appeared
 * meanwhile (another process created it), and then that file is used as it is. Before the
 * first commit of a document the file holds nothing; that commit fsyncs the directory (it
 * creates the WAL beside it), which also makes the link durable.
 *
 * Best effort: on any failure (a file system without hard links, say) the caller opens
 * `file` the ordinary way.
 */
export function createWalDatabaseFile(file: string): void {
  if (existsSync(file)) return;
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.new`;
  try {
    const db = new Database(tmp);
    let wal: unknown;
    try {
      db.pragma(`page_size = ${NEW_FILE_PAGE_SIZE}`);
      db.pragma('journal_mode = MEMORY');
      db.pragma('synchronous = FULL');
      wal = db.pragma('journal_mode = WAL', { simple: true });
    } finally {
      db.close();
    }
    if (wal === 'wal') linkSync(tmp, file);
  } catch {
    // EEXIST: another process created the file first. Anything else: the ordinary path.
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) rmSync(f, { force: true });
  }
}
