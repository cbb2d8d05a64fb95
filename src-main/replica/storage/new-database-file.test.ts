import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWalDatabaseFile, NEW_FILE_PAGE_SIZE } from './new-database-file';
import { tempDir } from './test-helpers';

describe('createWalDatabaseFile', () => {
  let tmp: ReturnType<typeof tempDir> | undefined;
  afterEach(() => tmp?.cleanup());

  it('creates an empty WAL database under the name, and leaves no temporary file', () => {
    tmp = tempDir();
    const file = join(tmp.dir, 'a.sqlite');
    createWalDatabaseFile(file);
    expect(readdirSync(tmp.dir)).toEqual(['a.sqlite']);
    const db = new Database(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('page_size', { simple: true })).toBe(NEW_FILE_PAGE_SIZE);
      expect(db.prepare('SELECT COUNT(*) FROM sqlite_master').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('leaves an existing file as it is', () => {
    tmp = tempDir();
    const file = join(tmp.dir, 'b.sqlite');
    const before = new Database(file);
    before.exec('CREATE TABLE t (x); INSERT INTO t VALUES (42)');
    before.close();
    createWalDatabaseFile(file);
    const db = new Database(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(db.prepare('SELECT x FROM t').pluck().get()).toBe(42);
    } finally {
      db.close();
    }
    expect(readdirSync(tmp.dir)).toEqual(['b.sqlite']);
  });
});
