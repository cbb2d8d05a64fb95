import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerSearchResult } from '../../src-shared/http/customers';
import type { SyncStatusView } from '../../src-shared/domain/sync-status';
import { createCore, type Core } from '../../src-main/core/core';
import { MemoryTokenVault } from '../../src-main/core/token-vault';
import { openReplica, type ReplicaDatabase } from '../../src-main/replica/open-replica';
import { createServer, type Server } from '../../src-server/app';
import { seedDemo } from '../../src-server/demo/seed';
import { DEMO_AGENT, call } from './support/agent-core';

// The server really goes away mid-session: the search box must keep answering from the replica.
let server: Server | undefined;
let core: Core | undefined;
let replica: ReplicaDatabase | undefined;

afterEach(async () => {
  await core?.dispose();
  await replica?.close();
  await server?.close().catch(() => undefined);
});

describe('customer search when the central server is gone', () => {
  it('answers from the synced replica and says so', async () => {
    server = await createServer({ logLevel: 'silent' });
    await seedDemo(server.db, { size: 60, seed: 11 });
    const serverUrl = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sb-offline-'));
    replica = await openReplica({ dataDir: path.join(dataDir, 'replica') });
    core = createCore({
      version: 'test',
      dataDir,
      serverUrl,
      tokenVault: new MemoryTokenVault(),
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      replica,
    });
    await call(core, 'session.login', DEMO_AGENT);
    const online = await call<CustomerSearchResult>(core, 'customers.search', { q: '', limit: 50 });
    expect(online.source).toBe('server');
    const chinese = online.items.find((customer) => customer.pinyinInitials.length >= 2)!;

    let synced = false;
    for (let attempt = 0; attempt < 400 && !synced; attempt++) {
      const status = await call<SyncStatusView>(core, 'sync.get');
      synced = status.lastSyncAt > 0 && (await replica.customers.count().exec()) >= 60;
      if (!synced) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(synced, 'the replica synced the demo customers').toBe(true);
    await server.close();
    server = undefined;

    const offline = await call<CustomerSearchResult>(core, 'customers.search', {
      q: chinese.pinyinInitials,
      limit: 20,
    });
    expect(offline.source).toBe('replica');
    expect(offline.items.map((customer) => customer.id)).toContain(chinese.id);
    const suffix = chinese.phones[0]!.slice(-6);
    const byPhone = await call<CustomerSearchResult>(core, 'customers.search', { q: suffix });
    expect(byPhone.items.every((c) => c.phones.some((p) => p.endsWith(suffix)))).toBe(true);
    expect(byPhone.items.map((customer) => customer.id)).toContain(chinese.id);
  });
});
