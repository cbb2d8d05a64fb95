import {
  getChangedDocumentsSince,
  normalizeMangoQuery,
  prepareQuery,
  type MangoQuery,
  type MangoQuerySelector,
  type RxDocumentData,
  type RxStorageInstance,
} from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInstance,
  itemSchema,
  newDoc,
  nextRev,
  tempDir,
  testStorage,
  type Item,
} from './test-helpers';

/**
 * Property test: random documents and random Mango queries, run on our storage and on
 * RxDB's memory storage (the reference implementation); results must be identical,
 * order included. The generator is seeded so a failure reproduces; set
 * REPLICA_ORACLE_SEED to explore other seeds.
 */
const SEED = Number(process.env['REPLICA_ORACLE_SEED'] ?? 20260401);
const DOCS = 400;
const QUERIES = 600;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(SEED);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

// Characters whose UTF-8 and UTF-16 orders differ, plus umlauts, CJK and an emoji.
const CHARS = ['a', 'b', 'B', 'z', 'ä', 'Ö', '张', '三', '\uE000', '\uFF21', '😊', ' ', '0', '9'];
const randomName = () => Array.from({ length: 1 + int(6) }, () => pick(CHARS)).join('');
const GROUPS = ['', 'a', 'b', 'c', 'ab'];

function randomItem(id: string): Item {
  return {
    id,
    name: randomName(),
    age: int(20) * (rand() < 0.5 ? 1 : 7), // many ties, to test sort stability
    active: rand() < 0.5,
    group: pick(GROUPS),
    nested: { score: (int(200001) - 100000) / 100 },
    tags: Array.from({ length: int(3) }, () => pick(['x', 'y', 'z'])),
  };
}

type Field = 'name' | 'age' | 'active' | 'group' | 'nested.score' | 'id';
const valueFor = (field: Field): unknown => {
  switch (field) {
    case 'name':
      return randomName();
    case 'age':
      return int(20) * pick([1, 7]);
    case 'active':
      return rand() < 0.5;
    case 'group':
      return pick(GROUPS);
    case 'nested.score':
      return (int(200001) - 100000) / 100;
    case 'id':
      return `d${String(int(DOCS)).padStart(4, '0')}`;
  }
};

function condition(field: Field): Record<string, unknown> {
  const op =
    field === 'active'
      ? pick(['$eq', '$ne'])
      : pick(['$eq', '$gt', '$gte', '$lt', '$lte', '$ne', '$in', '$nin', 'range']);
  if (op === 'range') {
    const [a, b] = [valueFor(field), valueFor(field)] as [number, number];
    return { [pick(['$gt', '$gte'])]: a < b ? a : b, [pick(['$lt', '$lte'])]: a < b ? b : a };
  }
  if (op === '$in' || op === '$nin')
    return { [op]: Array.from({ length: 1 + int(3) }, () => valueFor(field)) };
  return { [op]: valueFor(field) };
}

const FIELDS: Field[] = ['name', 'age', 'active', 'group', 'nested.score', 'id'];

function randomQuery(): MangoQuery<Item> {
  const selector: Record<string, unknown> = {};
  const shape = rand();
  if (shape < 0.4) {
    // Index-shaped: one range on an indexed field, sorted by it.
    const f = pick<Field>(['name', 'age', 'nested.score', 'id']);
    selector[f] = condition(f);
    if (rand() < 0.8) selector['_deleted'] = { $eq: false };
    return {
      selector: selector as MangoQuerySelector<Item>,
      sort: [{ [f]: pick(['asc', 'desc']) } as never],
      ...page(),
    };
  }
  for (let i = int(3); i >= 0; i -= 1) {
    const f = pick(FIELDS);
    selector[f] = condition(f);
  }
  if (rand() < 0.15) selector['$or'] = [{ age: condition('age') }, { group: condition('group') }];
  if (rand() < 0.1) selector['tags'] = { $elemMatch: { $eq: pick(['x', 'y']) } };
  if (rand() < 0.8) selector['_deleted'] = { $eq: false };
  const sort = Array.from({ length: int(3) }, () => ({ [pick(FIELDS)]: pick(['asc', 'desc']) }));
  return { selector: selector as MangoQuerySelector<Item>, sort: sort as never, ...page() };
}

function page(): { skip?: number; limit?: number } {
  const out: { skip?: number; limit?: number } = {};
  if (rand() < 0.3) out.skip = int(30);
  if (rand() < 0.5) out.limit = 1 + int(40);
  return out;
}

let tmp: ReturnType<typeof tempDir>;
let ours: RxStorageInstance<Item, unknown, unknown>;
let oracle: RxStorageInstance<Item, unknown, unknown>;
const schema = itemSchema();

async function writeBoth(
  rows: { previous?: RxDocumentData<Item>; document: RxDocumentData<Item> }[],
) {
  const [a, b] = await Promise.all([
    ours.bulkWrite(rows, 'oracle'),
    oracle.bulkWrite(rows, 'oracle'),
  ]);
  expect(a.error.map((e) => e.documentId)).toEqual(b.error.map((e) => e.documentId));
}

beforeAll(async () => {
  tmp = tempDir();
  ours = await createInstance<Item>(testStorage(tmp.dir), schema, 'oracle');
  oracle = await createInstance<Item>(
    getRxStorageMemory() as never,
    schema,
    `oracle${SEED}${Date.now()}`,
  );
  const docs = Array.from({ length: DOCS }, (_, i) =>
    newDoc(randomItem(`d${String(i).padStart(4, '0')}`), 1000 + int(50)),
  );
  await writeBoth(docs.map((document) => ({ document })));
  // Some updates and deletions, so both storages hold revised and deleted documents.
  const changed = docs
    .filter(() => rand() < 0.3)
    .map((prev) => ({
      previous: prev,
      document: nextRev(prev, rand() < 0.4 ? { _deleted: true } : { ...randomItem(prev.id) }),
    }));
  await writeBoth(changed);
});

afterAll(async () => {
  await ours.close();
  await oracle.close();
  tmp.cleanup();
});

describe(`query results equal RxDB's memory storage (seed ${SEED})`, () => {
  it('for random queries, covering every combination of index-served selector and sort', async () => {
    const shapes = new Map<string, number>();
    for (let i = 0; i < QUERIES; i += 1) {
      const mango = randomQuery();
      const filled = normalizeMangoQuery(schema, mango);
      const prepared = prepareQuery(schema, filled);
      const plan = prepared.queryPlan;
      const shape = `selector:${plan.selectorSatisfiedByIndex} sort:${plan.sortSatisfiedByIndex}`;
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
      const [a, b] = await Promise.all([
        ours.query(prepareQuery(schema, normalizeMangoQuery(schema, mango))),
        oracle.query(prepareQuery(schema, normalizeMangoQuery(schema, mango))),
      ]);
      const ids = (r: { documents: RxDocumentData<Item>[] }) => r.documents.map((d) => d.id);
      expect(ids(a), JSON.stringify(mango)).toEqual(ids(b));
      expect(a.documents, JSON.stringify(mango)).toEqual(b.documents);
      const countable = { ...mango, skip: undefined, limit: undefined };
      const [ca, cb] = await Promise.all([
        ours.count(prepareQuery(schema, normalizeMangoQuery(schema, countable))),
        oracle.count(prepareQuery(schema, normalizeMangoQuery(schema, countable))),
      ]);
      expect(ca.count, JSON.stringify(mango)).toBe(cb.count);
    }
    // The test is only meaningful if each path of query() was taken many times.
    for (const s of [
      'selector:true sort:true',
      'selector:false sort:true',
      'selector:false sort:false',
    ]) {
      expect(shapes.get(s) ?? 0, `${s} in ${JSON.stringify([...shapes])}`).toBeGreaterThan(20);
    }
  });

  it('getChangedDocumentsSince pages equal the memory storage', async () => {
    let ca: { id: string; lwt: number } | undefined;
    let cb: { id: string; lwt: number } | undefined;
    for (let round = 0; round < 100; round += 1) {
      const limit = 1 + int(30);
      const [a, b] = await Promise.all([
        ours.getChangedDocumentsSince!(limit, ca),
        getChangedDocumentsSince(oracle, limit, cb),
      ]);
      expect(a.documents.map((d) => d.id)).toEqual(b.documents.map((d) => d.id));
      expect(a.checkpoint).toEqual(b.checkpoint);
      if (a.documents.length === 0) break;
      ca = a.checkpoint as never;
      cb = b.checkpoint as never;
    }
  });
});
