import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StreamMessage } from '../../src-shared/sync/protocol';
import { useTestServer } from '../test-support/test-server';
import { openStream } from './stream-client';
import { syncClient } from './sync-test-helpers';

const hasDoc = (id: string) => (m: StreamMessage) =>
  m !== 'RESYNC' && m.documents.some((d) => d.id === id);

describe('sync live stream', () => {
  const server = useTestServer({
    demoSize: 10,
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
  });
  let baseUrl: string | undefined;
  const listen = async () =>
    (baseUrl ??= await server().app.listen({ port: 0, host: '127.0.0.1' }));
  const closers: (() => void)[] = [];
  afterAll(() => closers.forEach((close) => close()));

  it('sends RESYNC on connect, then changes made by another client', async () => {
    const url = await listen();
    const watcher = await syncClient(server(), 'agent2');
    const stream = await openStream(url, watcher.accessToken);
    closers.push(stream.close);
    await stream.next((m) => m === 'RESYNC');

    const writer = await syncClient(server(), 'agent');
    const doc = (await writer.pullAll('customers')).documents[0]!;
    await writer.pushOk('customers', [
      { assumedMasterState: doc, newDocumentState: { ...doc, tags: ['streamed'] } },
    ]);
    const message = await stream.next(hasDoc(doc.id));
    expect(message).toMatchObject({
      collection: 'customers',
      documents: [expect.objectContaining({ id: doc.id, tags: ['streamed'] })],
      checkpoint: { id: doc.id },
    });
  });

  it("streams a technician only his own orders' changes", async () => {
    const url = await listen();
    const tech = await syncClient(server(), 'tech');
    const stream = await openStream(url, tech.accessToken);
    closers.push(stream.close);
    await stream.next((m) => m === 'RESYNC');
    const supervisor = await syncClient(server(), 'supervisor');
    const all = (await supervisor.pullAll('work_orders')).documents;
    const mine = new Set((await tech.pullAll('work_orders')).documents.map((d) => d.id));
    const other = all.find((d) => !mine.has(d.id))!;
    const own = all.find((d) => mine.has(d.id))!;
    await supervisor.pushOk('work_orders', [
      { assumedMasterState: other, newDocumentState: { ...other, description: 'not his' } },
    ]);
    await supervisor.pushOk('work_orders', [
      { assumedMasterState: own, newDocumentState: { ...own, description: 'his' } },
    ]);
    await stream.next(hasDoc(own.id));
    // Changes arrive in commit order: the other order's change would have come first.
    expect(stream.messages.some(hasDoc(other.id))).toBe(false);
  });

  it('refuses a stream without a valid token', async () => {
    const url = await listen();
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/sync/stream`, {
      headers: { authorization: 'Bearer nope' },
    });
    const status = await new Promise<number>((resolve) =>
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(401);
  });
});
