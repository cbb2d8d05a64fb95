import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerSearchResult } from '../../src-shared/http/customers';
import { createCore, type Core } from '../../src-main/core/core';
import { MemoryTokenVault } from '../../src-main/core/token-vault';
import { openReplica, type ReplicaDatabase } from '../../src-main/replica/open-replica';
import { createServer, type Server } from '../../src-server/app';
import { seedDemo } from '../../src-server/demo/seed';
import { DEMO_AGENT, call } from './support/agent-core';

// The search box answers from the replica once it synced, and keeps answering when the
// server really goes away mid-session.
let server: Server | undefined;
let core: Core | undefined;
let replica: ReplicaDatabase | undefined;

afterEach(async () => {
  await core?.dispose();
  await replica?.close();
  await server?.close().catch(() => undefined);
});

describe('customer search from the replica', () => {
  it('answers from the synced replica online and offline, with exact totals and account numbers', async () => {
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

    // Until its first sync is complete the server answers; from then on the replica, online.
    let all: CustomerSearchResult | undefined;
    for (let attempt = 0; attempt < 400 && all?.source !== 'replica'; attempt++) {
      all = await call<CustomerSearchResult>(core, 'customers.search', { q: '', limit: 50 });
      if (all.source !== 'replica') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(all?.source, 'the replica answers once synced').toBe('replica');
    expect(all!.total).toBe(60);
    expect(all!.items).toHaveLength(50);
    const lastPage = await call<CustomerSearchResult>(core, 'customers.search', {
      q: '',
      limit: 50,
      offset: 50,
    });
    expect(lastPage.items).toHaveLength(10);
    const everyone = [...all!.items, ...lastPage.items];
    expect(new Set(everyone.map((c) => c.id)).size).toBe(60);

    const docs = (await replica.customers.find().exec()).map((d) => d.toJSON());
    const chinese = everyone.find((customer) => customer.pinyinInitials.length >= 2)!;
    const initials = chinese.pinyinInitials.slice(0, 1);
    const byInitials = await call<CustomerSearchResult>(core, 'customers.search', {
      q: initials,
      limit: 5,
    });
    expect(byInitials.source).toBe('replica');
    const expected = docs.filter(
      (d) => d.pinyinKey.startsWith(initials) || d.nameKey.startsWith(initials),
    );
    expect(byInitials.total).toBe(expected.length);
    expect(byInitials.items.length).toBe(Math.min(5, expected.length));

    const byAccount = await call<CustomerSearchResult>(core, 'customers.search', {
      q: chinese.accountNumber.toLowerCase(),
    });
    expect(byAccount).toMatchObject({ source: 'replica', total: 1 });
    expect(byAccount.items[0]!.id).toBe(chinese.id);
    const accountPrefix = chinese.accountNumber.slice(0, -1);
    const byAccountPrefix = await call<CustomerSearchResult>(core, 'customers.search', {
      q: accountPrefix,
    });
    expect(byAccountPrefix.total).toBe(
      docs.filter((d) => d.accountNumber.startsWith(accountPrefix)).length,
    );

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
    expect(byPhone.total).toBe(
      docs.filter((d) => d.phones.some((p: string) => p.endsWith(suffix))).length,
    );
  }, 90_000);
});
