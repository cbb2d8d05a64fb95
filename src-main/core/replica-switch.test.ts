import { existsSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import { openReplica } from '../replica/open-replica';
import { openReplicaSwitch, type ReplicaSwitch } from './replica-switch';

const TENANT = '00000000-0000-4000-8000-000000000001';
const ALICE = { tenantId: TENANT, userId: '00000000-0000-4000-8000-0000000000a1' };
const BOB = { tenantId: TENANT, userId: '00000000-0000-4000-8000-0000000000b1' };

const customer = (id: string, name: string): CustomerDoc => ({
  id,
  name,
  phones: [],
  emails: [],
  accountNumber: `A-${id.slice(-4)}`,
  vipTier: 'none',
  tags: [],
  nameKey: '',
  pinyinKey: '',
  phoneRev0: '',
  phoneRev1: '',
  phoneRev2: '',
  phoneRev3: '',
  updatedAt: 1,
  serverSeq: 1,
});

const open = (baseDir: string, warnings: string[] = []) =>
  openReplicaSwitch({
    baseDir,
    open: (dataDir) => openReplica({ dataDir, devMode: false }),
    warn: (message) => warnings.push(message),
  });

const names = async (replicas: ReplicaSwitch) =>
  (await replicas.database.customers.find().exec()).map((doc) => doc.name);

let replicas: ReplicaSwitch | undefined;
afterEach(async () => {
  await replicas?.close();
  replicas = undefined;
});

describe('one replica per user on a shared desktop', () => {
  it("never shows one user's rows to the next, and keeps each user's for his return", async () => {
    const baseDir = await mkdtemp(path.join(tmpdir(), 'sb-replica-switch-'));
    replicas = await open(baseDir);
    expect(await names(replicas)).toEqual([]);

    expect(await replicas.use(ALICE)).toBe(true);
    await replicas.database.customers.insert(
      customer('c0000000-0000-4000-8000-000000000001', 'Alice’s customer'),
    );
    expect(await replicas.use(ALICE)).toBe(false);

    expect(await replicas.use(BOB)).toBe(true);
    expect(await names(replicas)).toEqual([]);

    expect(await replicas.use(ALICE)).toBe(true);
    expect(await names(replicas)).toEqual(['Alice’s customer']);
    await replicas.close();

    // The next start opens the last user's replica: his sign-in changes nothing.
    replicas = await open(baseDir);
    expect(await names(replicas)).toEqual(['Alice’s customer']);
    expect(await replicas.use(ALICE)).toBe(false);
  });

  it('moves a replica of unknown owner aside instead of opening it for anyone', async () => {
    const baseDir = await mkdtemp(path.join(tmpdir(), 'sb-replica-switch-'));
    const legacy = await openReplica({ dataDir: baseDir, devMode: false });
    await legacy.customers.insert(customer('c0000000-0000-4000-8000-000000000002', 'Unknown’s'));
    await legacy.close();
    const warnings: string[] = [];
    replicas = await open(baseDir, warnings);
    expect(await replicas.use(BOB)).toBe(true);
    expect(await names(replicas)).toEqual([]);
    const aside = (await readdir(baseDir)).filter((name) => name.startsWith('unowned-'));
    expect(aside).toHaveLength(1);
    expect((await readdir(path.join(baseDir, aside[0]!))).some((f) => f.endsWith('.sqlite'))).toBe(
      true,
    );
    expect(warnings.join('\n')).toContain('moved to');
  });

  it('refuses an owner that is not a pair of UUIDs (it becomes a folder name)', async () => {
    const baseDir = await mkdtemp(path.join(tmpdir(), 'sb-replica-switch-'));
    replicas = await open(baseDir);
    await expect(replicas.use({ tenantId: '..', userId: '../../etc' })).rejects.toThrow();
    expect(existsSync(path.join(baseDir, '..', 'etc'))).toBe(false);
    expect(await replicas.use(ALICE)).toBe(true);
  });

  it('starts signed out when the last-owner record is damaged', async () => {
    const baseDir = await mkdtemp(path.join(tmpdir(), 'sb-replica-switch-'));
    await writeFile(path.join(baseDir, 'last-owner.json'), '{"tenantId": 3');
    const warnings: string[] = [];
    replicas = await open(baseDir, warnings);
    expect(await names(replicas)).toEqual([]);
    expect(warnings.join('\n')).toContain('unreadable');
  });
});
