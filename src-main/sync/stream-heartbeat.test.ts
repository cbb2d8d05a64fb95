import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src-shared/sync/protocol';
import { openReplica, type ReplicaDatabase } from '../replica/open-replica';
import { startServerProcess } from './server-process';
import { startSync, type SyncHandle } from './start-sync';
import { startTcpProxy } from './tcp-proxy';

async function waitFor(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 25));
}

/**
 * A half-open link: the proxy keeps the connections open and swallows every byte, as a NAT
 * that forgot the connection does. No error, no close reaches the client; the heartbeat must
 * find the link dead, go offline, reconnect once the link carries again, and the RESYNC after
 * the reconnect must bring the change the dead stream never delivered.
 */
describe('the live stream on a half-open link', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let dir: string;
  let db: ReplicaDatabase;
  let sync: SyncHandle;
  /** Each change of `online`, in order. */
  const transitions: boolean[] = [];
  /** WebSocket ping frames the client sent (opcode 9, first byte 0x89). */
  let pingsSent = 0;

  beforeAll(async () => {
    server = await startServerProcess();
    proxy = await startTcpProxy(Number(new URL(server.url).port), {
      onClientData: (chunk) => {
        if (chunk[0] === 0x89) pingsSent++;
      },
    });
    dir = mkdtempSync(join(tmpdir(), 'sb-heartbeat-'));
    db = await openReplica({ dataDir: dir, devMode: false });
    const token = await server.login('agent');
    sync = await startSync({
      database: db,
      serverUrl: proxy.url,
      getAccessToken: async () => token,
      onStatus: (s) => {
        if (transitions.at(-1) !== s.online) transitions.push(s.online);
      },
      retryTimeMs: 100,
      requestTimeoutMs: 2000,
      reconnectMinMs: 50,
      reconnectMaxMs: 200,
      heartbeatIntervalMs: 100,
      heartbeatTimeoutMs: 500,
    });
  });
  afterAll(async () => {
    await sync?.stop();
    await db?.close();
    await proxy?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('goes offline, reconnects when the link carries again, and pulls what it missed', async () => {
    await waitFor(() => transitions.at(-1) === true);
    await sync.awaitInSync();
    const onlineTransitions = transitions.length;
    const other = await server.login('agent2');
    const page = (await (
      await fetch(`${server.url}/api/sync/customers/pull?limit=1`, {
        headers: { authorization: `Bearer ${other}` },
      })
    ).json()) as PullResponse;
    const customer = page.documents[0]!;
    // More pings than fit in one deadline on a quiet but healthy link: it stays online.
    const pingsBefore = pingsSent;
    await waitFor(() => pingsSent >= pingsBefore + 8);
    expect(transitions.length).toBe(onlineTransitions);

    proxy.setFaults({ blackhole: true });
    // Changed on the server while the stream's bytes are swallowed: the message is lost.
    const response = await fetch(`${server.url}/api/sync/customers/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        rows: [
          {
            assumedMasterState: customer,
            newDocumentState: { ...customer, tags: ['while-half-open'] },
          },
        ],
      }),
    });
    expect(response.status).toBe(200);
    await waitFor(() => transitions.at(-1) === false);
    expect(sync.status().online).toBe(false);

    proxy.setFaults({});
    await waitFor(() => transitions.at(-1) === true);
    await waitFor(async () =>
      ((await db.customers.findOne(customer.id).exec())?.tags ?? []).includes('while-half-open'),
    );
    expect(transitions.slice(-3)).toEqual([true, false, true]);
  });
});
