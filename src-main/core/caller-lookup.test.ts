import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerSummary } from '../../src-shared/domain/customer';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import { openReplica, type ReplicaDatabase } from '../replica/open-replica';
import { createCallerLookup } from './caller-lookup';

let replica: ReplicaDatabase | undefined;
afterEach(async () => {
  await replica?.close();
  replica = undefined;
});

const zhang: CustomerDoc = {
  id: '6f1c2a80-0000-4000-8000-000000000001',
  name: '张三丰',
  phones: ['+8613800138000', '+861065529988'],
  emails: [],
  accountNumber: 'C00000001',
  vipTier: 'gold',
  tags: [],
  // Derived keys: the replica's pre-insert hook computes the real ones.
  nameKey: '',
  pinyinKey: '',
  phoneRev0: '',
  phoneRev1: '',
  phoneRev2: '',
  phoneRev3: '',
  address: { city: '北京市', line1: '朝阳路 1 号' },
  updatedAt: Date.UTC(2026, 0, 1),
  serverSeq: 1,
};

const serverCustomer: CustomerSummary = {
  id: '6f1c2a80-0000-4000-8000-000000000002',
  accountNumber: 'C00000002',
  name: 'Li Lei',
  pinyinInitials: '',
  phones: ['+8613900139000'],
  email: null,
  vipTier: 'none',
  city: '上海市',
  address: '',
  tags: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
};

async function lookup() {
  replica = await openReplica({ dataDir: await mkdtemp(path.join(tmpdir(), 'sb-lookup-')) });
  await replica.customers.insert(zhang);
  const serverQueries: string[] = [];
  const find = createCallerLookup(replica, async (query) => {
    serverQueries.push(query.q);
    const items = query.q === '8613900139000' ? [serverCustomer] : [];
    return { items, total: items.length };
  });
  return { find, serverQueries };
}

describe('createCallerLookup', () => {
  it.each(['13800138000', '+86 138 0013 8000', '008613800138000', '010-6552 9988'])(
    'finds a replica customer by %s without asking the server',
    async (raw) => {
      const { find, serverQueries } = await lookup();
      const found = await find(raw);
      expect(found.customer).toMatchObject({ id: zhang.id, name: '张三丰', city: '北京市' });
      expect(serverQueries).toEqual([]);
    },
  );

  it('asks the server for a caller the replica does not know, and keeps only exact numbers', async () => {
    const { find, serverQueries } = await lookup();
    expect((await find('13900139000')).customer?.id).toBe(serverCustomer.id);
    expect(serverQueries).toEqual(['8613900139000']);
  });

  it('returns an unknown caller as no customer, with the normalised number', async () => {
    const { find } = await lookup();
    expect(await find('13700137000')).toEqual({
      e164: '+8613700137000',
      customer: null,
      otherMatches: [],
    });
  });
});
