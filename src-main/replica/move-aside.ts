import { existsSync, renameSync } from 'node:fs';

/** SQLite error codes that mean "this file is not a usable database". */
const CORRUPTION_CODES = new Set([
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT_INDEX',
  'SQLITE_CORRUPT_VTAB',
]);

export function isCorruptionError(error: unknown): boolean {
  let e: unknown = error;
  // RxDB wraps storage errors; the SQLite error may sit in a cause or parameters chain.
  for (let depth = 0; e && depth < 5; depth += 1) {
    const obj = e as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      parameters?: { error?: unknown };
    };
    if (typeof obj.code === 'string' && CORRUPTION_CODES.has(obj.code)) return true;
    if (
      typeof obj.message === 'string' &&
      /file is not a database|database disk image is malformed/.test(obj.message)
    ) {
      return true;
    }
    e = obj.cause ?? obj.parameters?.error;
  }
  return false;
}

/**
 * Renames a database file and its WAL/SHM companions to `<file>.corrupt-<timestamp>`.
 * Never deletes: a corrupt replica may still hold unsynced edits worth recovering.
 * Returns the new path of the main file.
 */
export function moveAside(file: string, at: Date = new Date()): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  let target = `${file}.corrupt-${stamp}`;
  for (let n = 1; existsSync(target); n += 1) target = `${file}.corrupt-${stamp}-${n}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return target;
}
