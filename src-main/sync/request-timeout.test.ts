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
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * A half-open link swallows a push: no answer, no reset. Without a request timeout the push
 * (and the replication of that collection) waits for undici's 300 s, far beyond this test's
 * limit; with one, RxDB retries once the link is back and the edit arrives.
 */
describe('a push on a half-open connection', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let dir: string;
  let db: ReplicaDatabase;
  let sync: SyncHandle;
  let token: string;

  beforeAll(async () => {
    server = await startServerProcess();
    proxy = await startTcpProxy(Number(new URL(server.url).port));
    dir = mkdtempSync(join(tmpdir(), 'sb-timeout-'));
    db = await openReplica({ dataDir: dir, devMode: false });
    token = await server.login('agent');
    sync = await startSync({
      database: db,
      serverUrl: proxy.url,
      getAccessToken: async () => token,
      retryTimeMs: 100,
      requestTimeoutMs: 1000,
    });
    await sync.awaitInSync();
  });
  afterAll(async () => {
    await sync?.stop();
    await db?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is abandoned and retried, so the edit reaches the server once the link is back', async () => {
    const customer = (await db.customers.find().exec())[0]!;
    proxy.setFaults({ blackhole: true });
    await customer.incrementalPatch({ tags: ['after-half-open'] });
    // Long enough for the push to be on the swallowed connection.
    await new Promise((resolve) => setTimeout(resolve, 300));
    proxy.setFaults({});
    await waitFor(async () => {
      const response = await fetch(`${server.url}/api/sync/customers/pull?limit=500`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const page = (await response.json()) as PullResponse;
      const onServer = page.documents.find((d) => d.id === customer.id);
      return (onServer?.['tags'] as string[] | undefined)?.includes('after-half-open') ?? false;
    });
    expect(sync.status().errors.some((e) => /abort|timeout/i.test(e))).toBe(true);
  });
});
