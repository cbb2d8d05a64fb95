import Database from 'better-sqlite3';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { filter, take, toArray } from 'rxjs/operators';
import { normalizeMangoQuery, prepareQuery, type RxDocumentData } from 'rxdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConnectionCount } from './sqlite-connection';
import {
  createInstance,
  itemSchema,
  newDoc,
  nextRev,
  tempDir,
  testStorage,
  type Item,
} from './test-helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  tmp.cleanup();
});

const item = (id: string, over: Partial<Item> = {}): Item => ({
  id,
  name: `name-${id}`,
  age: 30,
  active: true,
  group: 'a',
  nested: { score: 1 },
  tags: [],
  ...over,
});

describe('sqlite storage: writes and revisions', () => {
  it('inserts, reads back by id and refuses an insert over an existing document', async () => {
    const inst = await createInstance<Item>(testStorage(tmp.dir), itemSchema());
    const doc = newDoc(item('a'));
    expect((await inst.bulkWrite([{ document: doc }], 'test')).error).toEqual([]);
    expect(await inst.findDocumentsById(['a', 'missing'], false)).toEqual([doc]);
    const again = await inst.bulkWrite([{ document: newDoc(item('a')) }], 'test');
    expect(again.error).toHaveLength(1);
    expect(again.error[0]).toMatchObject({ status: 409, documentId: 'a' });
    expect((again.error[0] as { documentInDb: unknown }).documentInDb).toEqual(doc);
    await inst.close();
  });

  it('updates only with the current revision as previous, else reports a conflict', async () => {
    const inst = await createInstance<Item>(testStorage(tmp.dir), itemSchema());
    const v1 = newDoc(item('a'));
    await inst.bulkWrite([{ document: v1 }], 'test');
    const v2 = nextRev(v1, { age: 31 });
    expect((await inst.bulkWrite([{ previous: v1, document: v2 }], 'test')).error).toEqual([]);
    const stale = nextRev(v1, { age: 99 }, 'other');
    const res = await inst.bulkWrite([{ previous: v1, document: stale }], 'test');
    expect(res.error[0]).toMatchObject({ status: 409 });
    const [inDb] = await inst.findDocumentsById(['a'], false);
    expect(inDb?.age).toBe(31);
    expect(inDb?._rev).toBe(v2._rev);
    await inst.close();
  });

  it('keeps deleted documents for findDocumentsById(withDeleted) and hides them otherwise', async () => {
    const inst = await createInstance<Item>(testStorage(tmp.dir), itemSchema());
    const v1 = newDoc(item('a'));
    await inst.bulkWrite([{ document: v1 }], 'test');
    const del = nextRev(v1, { _deleted: true });
    await inst.bulkWrite([{ previous: v1, document: del }], 'test');
    expect(await inst.findDocumentsById(['a'], false)).toEqual([]);
    expect(await inst.findDocumentsById(['a'], true)).toEqual([del]);
    // RxDB's collections add `_deleted: false` to every query; the storage must honour it.
    const live = prepareQuery(
      inst.schema,
      normalizeMangoQuery(inst.schema, { selector: { _deleted: { $eq: false } } as never }),
    );
    expect((await inst.query(live)).documents).toEqual([]);
    expect((await inst.count(live)).count).toBe(0);
    const all = prepareQuery(inst.schema, normalizeMangoQuery(inst.schema, { selector: {} }));
    expect((await inst.query(all)).documents).toEqual([del]);
    await inst.close();
  });

  it('persists across close and reopen, and shares one connection per file', async () => {
    const storage = testStorage(tmp.dir);
    const a = await createInstance<Item>(storage, itemSchema(), 'shared', 'one');
    const b = await createInstance<Item>(storage, itemSchema(), 'shared', 'two');
    const before = openConnectionCount();
    await a.bulkWrite([{ document: newDoc(item('x')) }], 'test');
    await a.close();
    expect(openConnectionCount()).toBe(before); // b still holds it
    await b.close();
    expect(openConnectionCount()).toBe(before - 1);
    const again = await createInstance<Item>(storage, itemSchema(), 'shared', 'one');
    expect((await again.findDocumentsById(['x'], false)).map((d) => d.id)).toEqual(['x']);
    await again.close();
  });

  it('sets WAL, synchronous=FULL and a busy timeout', async () => {
    const inst = await createInstance<Item>(testStorage(tmp.dir), itemSchema(), 'pragmas');
    const db = (inst.internals as { conn: { db: Database.Database } }).conn.db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    await inst.close();
  });

  it('waits for another connection’s write lock without blocking the event loop', async () => {
    const inst = await createInstance<Item>(testStorage(tmp.dir), itemSchema(), 'locked');
    await inst.bulkWrite([{ document: newDoc(item('first')) }], 'test');
    const file = (inst.internals as { conn: { filename: string } }).conn.filename;
    // Another writer on the same file (as the sync load worker is), holding its transaction.
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    let written = false;
    const write = inst.bulkWrite([{ document: newDoc(item('second')) }], 'test').then((r) => {
      written = true;
      return r;
    });
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 5);
    await new Promise((resolve) => setTimeout(resolve, 200));
    clearInterval(ticking);
    expect(written).toBe(false);
    expect(ticks).toBeGreaterThan(10);
    other.exec('COMMIT');
    expect((await write).error).toEqual([]);
    expect((await inst.findDocumentsById(['second'], false)).map((d) => d.id)).toEqual(['second']);
    other.close();
    await inst.close();
  });

  it('fails a write with SQLITE_BUSY once the busy timeout has passed, writing nothing', async () => {
    const storage = testStorage(tmp.dir, { busyTimeoutMs: 100 });
    const inst = await createInstance<Item>(storage, itemSchema(), 'timeout');
    await inst.bulkWrite([{ document: newDoc(item('first')) }], 'test');
    const other = new Database((inst.internals as { conn: { filename: string } }).conn.filename);
    other.exec('BEGIN IMMEDIATE');
    await expect(
      inst.bulkWrite([{ document: newDoc(item('second')) }], 'test'),
    ).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    other.exec('COMMIT');
    other.close();
    expect(await inst.findDocumentsById(['second'], false)).toEqual([]);
    const db = (inst.internals as { conn: { db: Database.Database } }).conn.db;
    expect(db.pragma('busy_timeout', { simple: true })).toBe(100);
    await inst.close();
  });

  it('creates the table on the first write, reading as empty before it', async () => {
    const storage = testStorage(tmp.dir);
    const inst = await createInstance<Item>(storage, itemSchema(), 'lazy');
    const other = await createInstance<Item>(storage, itemSchema(), 'lazy');
    const db = (inst.internals as { conn: { db: Database.Database } }).conn.db;
    const tableCount = () =>
      db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'rx_items_v0'`).pluck().get();
    expect(tableCount()).toBe(0);
    expect(await inst.findDocumentsById(['a'], true)).toEqual([]);
    const all = prepareQuery(inst.schema, normalizeMangoQuery(inst.schema, { selector: {} }));
    expect((await inst.query(all)).documents).toEqual([]);
    expect((await inst.count(all)).count).toBe(0);
    expect((await inst.getChangedDocumentsSince!(10)).documents).toEqual([]);
    expect(await inst.cleanup(0)).toBe(true);
    const doc = newDoc(item('a'));
    expect((await other.bulkWrite([{ document: doc }], 'test')).error).toEqual([]);
    expect(tableCount()).toBe(1);
    // The instance that did not write sees the table the other one created.
    expect(await inst.findDocumentsById(['a'], false)).toEqual([doc]);
    await inst.close();
    await other.close();
  });

  it('creates one SQL index per RxDB index', async () => {
    const inst = await createInstance<Item>(testStorage(tmp.dir), itemSchema(), 'idx');
    await inst.bulkWrite([{ document: newDoc(item('a')) }], 'test');
    await inst.close();
    const db = new Database(join(tmp.dir, 'idx.sqlite'));
    const names = (
      db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rx_items_v0' AND name NOT LIKE 'sqlite_%'`,
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    db.close();
    // schema indexes (5 + RxDB's internal ones, ['_meta.lwt', id] serving the checkpoint
    // order) + cleanup's partial index of deleted documents
    expect(names.length).toBe((itemSchema().indexes ?? []).length + 1);
    expect(names).toContain('rx_items_v0__deleted_lwt');
  });
});

describe('sqlite storage: change stream and checkpoints', () => {
  it('emits one event bulk per write with a checkpoint, also to other instances of the table', async () => {
    const storage = testStorage(tmp.dir);
    const a = await createInstance<Item>(storage, itemSchema(), 'cs', 'items');
    const b = await createInstance<Item>(storage, itemSchema(), 'cs', 'items');
    const got = firstValueFrom(b.changeStream().pipe(take(2), toArray()));
    const v1 = newDoc(item('a'));
    await a.bulkWrite([{ document: v1 }, { document: newDoc(item('b')) }], 'ctx');
    await a.bulkWrite([{ previous: v1, document: nextRev(v1, { _deleted: true }) }], 'ctx');
    const bulks = await got;
    expect(bulks[0]?.events.map((e) => [e.operation, e.documentId])).toEqual([
      ['INSERT', 'a'],
      ['INSERT', 'b'],
    ]);
    expect(bulks[0]?.checkpoint).toMatchObject({ id: 'b' });
    expect(bulks[1]?.events.map((e) => e.operation)).toEqual(['DELETE']);
    expect(bulks[1]?.context).toBe('ctx');
    await a.close();
    await b.close();
  });

  it('pages through all changes by checkpoint in (lwt, id) order, deleted ones included', async () => {
    const inst = await createInstance<Item>(testStorage(tmp.dir), itemSchema());
    const docs: RxDocumentData<Item>[] = [];
    for (let i = 0; i < 25; i += 1)
      docs.push(newDoc(item(`d${String(i).padStart(2, '0')}`), 1000 + Math.floor(i / 3)));
    await inst.bulkWrite(
      docs.map((document) => ({ document })),
      'test',
    );
    const seen: string[] = [];
    let checkpoint: { id: string; lwt: number } | undefined;
    for (;;) {
      const page = await inst.getChangedDocumentsSince!(4, checkpoint);
      if (page.documents.length === 0) break;
      seen.push(...page.documents.map((d) => d.id));
      checkpoint = page.checkpoint;
    }
    expect(seen).toEqual(docs.map((d) => d.id));
    await inst.close();
  });
});

describe('sqlite storage: attachments', () => {
  it('stores attachment bytes as blobs, returns them by digest, drops them with the document', async () => {
    const inst = await createInstance<Item>(testStorage(tmp.dir), itemSchema(true), 'att');
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const doc = newDoc(item('a'));
    doc._attachments = {
      photo: {
        data: new Blob([bytes], { type: 'image/png' }),
        length: 5,
        type: 'image/png',
        digest: 'd1',
      },
    } as never;
    expect((await inst.bulkWrite([{ document: doc }], 'test')).error).toEqual([]);
    const [stored] = await inst.findDocumentsById(['a'], false);
    expect(stored?._attachments['photo']).toEqual({ length: 5, type: 'image/png', digest: 'd1' });
    const blob = await inst.getAttachmentData('a', 'photo', 'd1');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
    expect(blob.type).toBe('image/png');
    await expect(inst.getAttachmentData('a', 'photo', 'wrong')).rejects.toThrow(/does not exist/);
    await inst.bulkWrite(
      [{ previous: stored!, document: nextRev(stored!, { _deleted: true, _attachments: {} }) }],
      'test',
    );
    await expect(inst.getAttachmentData('a', 'photo', 'd1')).rejects.toThrow(/does not exist/);
    await inst.close();
  });

  it('refuses oversized documents and attachments with a 422 and a clear message', async () => {
    const storage = testStorage(tmp.dir, { maxDocumentBytes: 2000, maxAttachmentBytes: 10 });
    const inst = await createInstance<Item>(storage, itemSchema(true), 'limits');
    const big = newDoc(item('big', { tags: [String('x').repeat(3000)] }));
    const withAtt = newDoc(item('att'));
    withAtt._attachments = {
      f: {
        data: new Blob([new Uint8Array(11)]),
        length: 11,
        type: 'application/octet-stream',
        digest: 'd',
      },
    } as never;
    const ok = newDoc(item('ok'));
    const res = await inst.bulkWrite(
      [{ document: big }, { document: withAtt }, { document: ok }],
      'test',
    );
    expect(res.error.map((e) => [e.documentId, e.status])).toEqual([
      ['big', 422],
      ['att', 422],
    ]);
    const messages = res.error.map((e) => JSON.stringify(e));
    expect(messages[0]).toMatch(/more than the limit of 2000/);
    expect(messages[1]).toMatch(/attachment \\"f\\" has 11 bytes/);
    expect((await inst.findDocumentsById(['big', 'att', 'ok'], true)).map((d) => d.id)).toEqual([
      'ok',
    ]);
    await inst.close();
  });
});

describe('sqlite storage: cleanup, close and remove', () => {
  it('cleanup purges only deleted documents older than the given time, in batches', async () => {
    const inst = await createInstance<Item>(testStorage(tmp.dir), itemSchema());
    const live = newDoc(item('live'), 1);
    const oldDeleted = Array.from({ length: 600 }, (_, i) => ({
      ...newDoc(item(`o${i}`), 1),
      _deleted: true,
    }));
    const freshDeleted = { ...newDoc(item('fresh')), _deleted: true };
    await inst.bulkWrite(
      [live, ...oldDeleted, freshDeleted].map((document) => ({ document })),
      'test',
    );
    let rounds = 0;
    while (!(await inst.cleanup(60_000))) rounds += 1;
    expect(rounds).toBeGreaterThan(0); // 600 > one batch: the call stayed short
    const left = await inst.findDocumentsById(['live', 'o0', 'o599', 'fresh'], true);
    expect(left.map((d) => d.id).sort()).toEqual(['fresh', 'live']);
    await inst.close();
  });

  it('remove drops the data; closed instances refuse further calls', async () => {
    const storage = testStorage(tmp.dir);
    const inst = await createInstance<Item>(storage, itemSchema(), 'rm', 'items');
    await inst.bulkWrite([{ document: newDoc(item('a')) }], 'test');
    await inst.remove();
    await expect(inst.findDocumentsById(['a'], false)).rejects.toThrow(/closed/);
    const again = await createInstance<Item>(storage, itemSchema(), 'rm', 'items');
    expect(await again.findDocumentsById(['a'], true)).toEqual([]);
    await again.close();
  });
});

describe('sqlite storage: deleted docs in change stream filter', () => {
  it('a write that fails every row emits nothing', async () => {
    const inst = await createInstance<Item>(testStorage(tmp.dir), itemSchema());
    const v1 = newDoc(item('a'));
    await inst.bulkWrite([{ document: v1 }], 'test');
    let emitted = 0;
    const sub = inst
      .changeStream()
      .pipe(filter((b) => b.events.length > 0))
      .subscribe(() => (emitted += 1));
    await inst.bulkWrite([{ document: newDoc(item('a')) }], 'test');
    sub.unsubscribe();
    expect(emitted).toBe(0);
    await inst.close();
  });
});

describe('sqlite storage: sort stability', () => {
  it('orders ties by primary key, so pages with skip/limit neither repeat nor drop documents', async () => {
    const inst = await createInstance<Item>(testStorage(tmp.dir), itemSchema(), 'stable');
    const ids = Array.from({ length: 40 }, (_, i) => `k${String((i * 17) % 40).padStart(2, '0')}`);
    await inst.bulkWrite(
      ids.map((id, i) => ({ document: newDoc(item(id, { age: i % 2, group: 'g' })) })),
      'test',
    );
    const page = async (sortField: 'age' | 'group', skip: number) => {
      const q = normalizeMangoQuery<Item>(inst.schema, {
        selector: { _deleted: { $eq: false } } as never,
        sort: [{ [sortField]: 'asc' } as never],
        skip,
        limit: 7,
      });
      return (await inst.query(prepareQuery(inst.schema, q))).documents.map((d) => d.id);
    };
    for (const field of ['age', 'group'] as const) {
      const all: string[] = [];
      for (let skip = 0; skip < 40; skip += 7) all.push(...(await page(field, skip)));
      expect(new Set(all).size).toBe(40);
      const ageOf = new Map(ids.map((id, i) => [id, i % 2]));
      const expected =
        field === 'group'
          ? [...ids].sort()
          : [...ids].sort((a, b) => ageOf.get(a)! - ageOf.get(b)! || (a < b ? -1 : 1));
      expect(all).toEqual(expected);
    }
    await inst.close();
  });
});
