import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../src-shared/sync/protocol';
import { createServer, type Server } from '../app';
import { seedDemo } from '../demo/seed';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { openStream } from './stream-client';
import { syncClient } from './sync-test-helpers';

// Fan-out across processes is PostgreSQL's LISTEN/NOTIFY; PGlite is one process only.
describe.skipIf(!process.env.DATABASE_URL)('sync across two server instances', () => {
  let database: TestDatabase;
  let one: Server;
  let two: Server;
  beforeAll(async () => {
    database = await createTestDatabase();
    const options = { logLevel: 'silent', databaseUrl: database.databaseUrl! };
    one = await createServer(options);
    two = await createServer(options);
    await seedDemo(one.db, { size: 5, seed: 7 });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await database?.drop();
  });

  it("delivers a change made through one server to the other's stream client", async () => {
    const url = await two.app.listen({ port: 0, host: '127.0.0.1' });
    const reader = await syncClient(two, 'agent2');
    const stream = await openStream(url, reader.accessToken);
    try {
      await stream.next((m) => m === 'RESYNC');
      const writer = await syncClient(one, 'agent');
      const doc = (await writer.pullAll('customers')).documents[0]!;
      await writer.pushOk('customers', [
        { assumedMasterState: doc, newDocumentState: { ...doc, tags: ['from-one'] } },
      ]);
      const message = await stream.next(
        (m: StreamMessage) => m !== 'RESYNC' && m.documents.some((d) => d.id === doc.id),
      );
      expect(message).toMatchObject({
        collection: 'customers',
        documents: [expect.objectContaining({ id: doc.id, tags: ['from-one'] })],
      });
    } finally {
      stream.close();
    }
  });
});
