import { createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getRxStorageRemote, type MessageFromRemote } from 'rxdb/plugins/storage-remote';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { Subject, firstValueFrom, filter } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createReplicaChannel } from './replica-channel';

// Real RxDB on both sides: main's database on the memory storage with schema validation, and a
// renderer-side database on RxDB's remote storage, joined through our channel as JSON text.
type Note = { id: string; text: string; priority: number };
const noteSchema: RxJsonSchema<Note> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    text: { type: 'string', maxLength: 200 },
    priority: { type: 'integer', minimum: 0, maximum: 9 },
  },
  required: ['id', 'text', 'priority'],
  additionalProperties: false,
};

type Collections = { notes: RxCollection<Note> };
const open: RxDatabase<Collections>[] = [];
afterEach(async () => {
  // The renderer first: its close() asks main, which must still be there to answer.
  for (const database of open.splice(0)) await database.close();
});

async function setup() {
  const suffix = Math.random().toString(36).slice(2, 8);
  const main = await createRxDatabase<Collections>({
    name: `main${suffix}`,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    multiInstance: false,
  });
  await main.addCollections({ notes: { schema: noteSchema } });
  const warnings: string[] = [];
  const channel = createReplicaChannel(main, { warn: (message) => warnings.push(message) });
  const fromMain = new Subject<MessageFromRemote>();
  const connection = channel.connect((message) =>
    fromMain.next(JSON.parse(JSON.stringify(message)) as MessageFromRemote),
  );
  const sendRaw = (raw: unknown) => connection.receive(raw);
  const renderer = await createRxDatabase<Collections>({
    name: `renderer${suffix}`,
    storage: getRxStorageRemote({
      // RxDB caches message channels by identifier, process-wide: one per test database.
      identifier: `replica-${suffix}`,
      mode: 'one',
      messageChannelCreator: async () => ({
        send: (message) => sendRaw(JSON.stringify(message)),
        messages$: fromMain.asObservable(),
        close: async () => undefined,
      }),
    }),
    multiInstance: false,
  });
  await renderer.addCollections({ notes: { schema: noteSchema } });
  open.push(renderer, main);
  return { main, renderer, warnings, sendRaw, fromMain };
}

describe('createReplicaChannel', () => {
  it('carries writes both ways and into live queries', async () => {
    const { main, renderer } = await setup();
    await renderer.notes.insert({ id: 'a', text: 'from the renderer', priority: 1 });
    expect((await main.notes.findOne('a').exec())?.text).toBe('from the renderer');

    const seen = firstValueFrom(
      renderer.notes.find().$.pipe(filter((docs) => docs.some((doc) => doc.id === 'b'))),
    );
    await main.notes.insert({ id: 'b', text: 'from main', priority: 2 });
    expect((await seen).map((doc) => doc.id).sort()).toEqual(['a', 'b']);
  });

  it('validates renderer writes against the schema in main', async () => {
    const { main, renderer } = await setup();
    // Bypass the renderer's RxCollection (which has no validator) and write raw to storage.
    const instance = renderer.notes.storageInstance;
    const result = await instance
      .bulkWrite(
        [
          {
            document: {
              id: 'bad',
              text: 'x',
              priority: 99,
              _deleted: false,
              _attachments: {},
              _rev: '1-aaaaaaaaaa',
              _meta: { lwt: Date.now() },
            },
          },
        ],
        'test',
      )
      .catch((error: unknown) => error);
    expect(String((result as Error).message ?? JSON.stringify(result))).toMatch(
      /VD2|schema|valid/i,
    );
    expect(await main.notes.findOne('bad').exec()).toBeNull();
  });

  it('refuses methods outside the allow-list and keeps the replica', async () => {
    const { main, renderer, sendRaw, fromMain, warnings } = await setup();
    await renderer.notes.insert({ id: 'keep', text: 'must survive', priority: 1 });
    const connectionId = renderer.notes.storageInstance.internals.connectionId as string;
    for (const method of ['remove', 'cleanup', 'custom', 'constructor', '__proto__']) {
      const answer = firstValueFrom(
        fromMain.pipe(filter((message) => message.answerTo === `hostile-${method}`)),
      );
      sendRaw(
        JSON.stringify({
          connectionId,
          requestId: `hostile-${method}`,
          method,
          version: '17.6.0',
          params: [],
        }),
      );
      expect((await answer).error, method).toBeDefined();
    }
    expect((await main.notes.findOne('keep').exec())?.text).toBe('must survive');
    expect(warnings.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses unknown collections, garbage and oversized messages without crashing', async () => {
    const { renderer, sendRaw, fromMain, warnings } = await setup();
    const answer = firstValueFrom(fromMain.pipe(filter((m) => m.answerTo === 'create-x')));
    sendRaw(
      JSON.stringify({
        connectionId: 'c',
        requestId: 'create-x',
        method: 'create',
        version: '17.6.0',
        params: { collectionName: 'secrets', databaseName: 'x', schema: noteSchema },
      }),
    );
    expect((await answer).error).toBeDefined();
    sendRaw('{"not json');
    sendRaw(JSON.stringify({ hello: 'world' }));
    sendRaw(42);
    sendRaw('x'.repeat(9 * 1024 * 1024));
    expect(warnings.filter((w) => w.includes('dropped'))).toHaveLength(4);
    // The channel still works afterwards.
    await renderer.notes.insert({ id: 'after', text: 'still fine', priority: 0 });
    expect(await renderer.notes.count().exec()).toBe(1);
  });
});
