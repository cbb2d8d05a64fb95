import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/core';
import { openReplicaSwitch, type ReplicaSwitch } from '../../src-main/core/replica-switch';
import { MemoryTokenVault } from '../../src-main/core/token-vault';
import { openReplica } from '../../src-main/replica/open-replica';
import type { SyncStatusView } from '../../src-shared/domain/sync-status';
import { createServer, type Server } from '../../src-server/app';
import { seedDemo } from '../../src-server/demo/seed';
import { DEMO_AGENT, call, until } from './support/agent-core';

const TECHNICIAN = { ...DEMO_AGENT, username: 'tech' };

// Hot desking: an agent and then a field technician sign in on one desktop. Each has his own
// replica, filled by his own sync; neither ever reads rows the server sent the other.
let server: Server | undefined;
let core: Core | undefined;
let replicas: ReplicaSwitch | undefined;

afterEach(async () => {
  await core?.dispose();
  await replicas?.close();
  await server?.close().catch(() => undefined);
});

describe('a desktop shared by several users', () => {
  it("shows each user only his own replica, and keeps the first one's unsynced edits for him", async () => {
    server = await createServer({ logLevel: 'silent' });
    await seedDemo(server.db, { size: 40, seed: 5 });
    const serverUrl = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sb-hot-desk-'));
    replicas = await openReplicaSwitch({
      baseDir: path.join(dataDir, 'replica'),
      open: (replicaDir) => openReplica({ dataDir: replicaDir, devMode: false }),
      warn: () => undefined,
    });
    const events: string[] = [];
    let status: SyncStatusView | undefined;
    core = createCore({
      version: 'test',
      dataDir,
      serverUrl,
      tokenVault: new MemoryTokenVault(),
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      replica: replicas.database,
      switchReplica: (owner) => replicas!.use(owner),
    });
    core.events.subscribe((event, payload) => {
      events.push(event);
      if (event === 'sync.changed') status = payload as SyncStatusView;
    });
    const customers = () => replicas!.database.customers.count().exec();

    await call(core, 'session.login', DEMO_AGENT);
    expect(events).toContain('replica.changed');
    await until(() => status?.caughtUp === true, "the agent's first sync");
    expect(await customers()).toBe(40);
    // Written offline-style into his replica and not yet pushed: it must wait for him.
    await replicas.database.customers
      .findOne()
      .exec()
      .then((doc) => doc!.incrementalPatch({ tags: ['hot-desk-test'], serverSeq: 0 }));
    await call(core, 'session.logout', {});

    events.length = 0;
    status = undefined;
    await call(core, 'session.login', TECHNICIAN);
    expect(events.indexOf('replica.changed')).toBeLessThan(events.indexOf('session.changed'));
    await until(() => status?.caughtUp === true, "the technician's first sync");
    const technicianCustomers = await customers();
    expect(technicianCustomers).toBeLessThan(40);
    const tagged = await replicas.database.customers
      .find({ selector: { tags: { $elemMatch: { $eq: 'hot-desk-test' } } } })
      .exec();
    expect(tagged).toHaveLength(0);
    await call(core, 'session.logout', {});

    events.length = 0;
    await call(core, 'session.login', DEMO_AGENT);
    expect(events).toContain('replica.changed');
    expect(await customers()).toBe(40);
    const kept = await replicas.database.customers
      .find({ selector: { tags: { $elemMatch: { $eq: 'hot-desk-test' } } } })
      .exec();
    expect(kept).toHaveLength(1);
  });
});
