/**
 * Child process of the durability test and soak: writes documents as fast as it can and
 * prints "ack <id> <rev>" on stdout only after bulkWrite resolved, i.e. after the commit.
 * It never exits by itself; the parent SIGKILLs it at a random moment.
 * Usage: node --import tsx durability-writer.ts <dataDir> <startId>
 */
import {
  newDoc,
  nextRev,
  createInstance,
  itemSchema,
  testStorage,
  type Item,
} from '../storage/test-helpers';
import type { RxDocumentData } from 'rxdb';

const [dir, start] = process.argv.slice(2);
if (!dir || !start) throw new Error('usage: durability-writer <dataDir> <startId>');

const storage = testStorage(dir);
const inst = await createInstance<Item>(storage, itemSchema(), 'durability', 'items');
let n = Number(start);
let last: RxDocumentData<Item> | undefined;
for (;;) {
  // Alternate inserts with updates of the previous document, so both kinds are checked.
  const rows: { previous?: RxDocumentData<Item>; document: RxDocumentData<Item> }[] = [];
  const doc = newDoc({
    id: `w${n}`,
    name: `n${n}`,
    age: n % 150,
    active: true,
    group: 'a',
    nested: { score: 0 },
    tags: [],
  });
  rows.push({ document: doc });
  if (last) rows.push({ previous: last, document: nextRev(last, { age: (last.age + 1) % 150 }) });
  const res = await inst.bulkWrite(rows, 'durability');
  if (res.error.length > 0) {
    process.stderr.write(`write error ${JSON.stringify(res.error[0]?.status)}\n`);
    process.exit(2);
  }
  const updated = rows[1]?.document;
  process.stdout.write(`ack ${doc.id} ${doc._rev}\n`);
  if (updated) process.stdout.write(`ack ${updated.id} ${updated._rev}\n`);
  last = doc;
  n += 1;
}
