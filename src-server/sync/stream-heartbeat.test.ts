import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { login, useTestServer } from '../test-support/test-server';
import type { AccessClaims } from '../auth/access-tokens';
import { openChangeFeed, type ChangeFeed } from './change-feed';
import { serveStream } from './stream';

/**
 * The server side of the heartbeat: serveStream pings its client and drops one that stopped
 * answering (its link went half-open), while a client that answers stays. A short interval
 * here; the route uses STREAM_PING_INTERVAL_MS.
 */
describe('the live stream drops a client that no longer answers pings', () => {
  const server = useTestServer({ demoSize: 5 });
  let feed: ChangeFeed;
  let wss: WebSocketServer;
  let url: string;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    feed = await openChangeFeed(server().db, server().database);
    const { user } = await login(server(), 'agent');
    const claims: AccessClaims = { userId: user.id, tenantId: user.tenantId, role: user.role };
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
    wss.on('connection', (socket) =>
      serveStream(socket, claims, server().db, feed, { pingIntervalMs: 50 }),
    );
  });
  afterAll(async () => {
    for (const socket of sockets) socket.terminate();
    await new Promise((resolve) => wss?.close(resolve));
    await feed?.close();
  });

  const connect = async (autoPong: boolean) => {
    const socket = new WebSocket(url, { autoPong });
    sockets.push(socket);
    const pings = { count: 0 };
    socket.on('ping', () => pings.count++);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await new Promise((resolve) => socket.once('open', resolve));
    return { socket, pings, closed };
  };

  it('keeps a client that answers, over many pings', async () => {
    const client = await connect(true);
    await new Promise<void>((resolve) => {
      const check = () => (client.pings.count >= 6 ? resolve() : setTimeout(check, 20));
      check();
    });
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('terminates a client that stopped answering', async () => {
    const client = await connect(false);
    await client.closed;
    // One ping went unanswered before the drop.
    expect(client.pings.count).toBeGreaterThanOrEqual(1);
  });
});
