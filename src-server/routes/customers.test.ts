import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { pinyinInitials } from '../../src-shared/domain/pinyin';
import type { TokenPair } from '../../src-shared/http/auth';
import {
  CustomerSearchResultSchema,
  type CustomerSearchResult,
} from '../../src-shared/http/customers';
import { ServerErrorBodySchema } from '../../src-shared/http/errors';
import { phoneDigitsColumn } from '../customers/phone-search';
import { customers, tenants } from '../db/schema';
import { ACME_CUSTOMER_COUNT } from '../demo/users';
import { bearer, login, useTestServer } from '../test-support/test-server';

const DEMO_SIZE = 50;
const server = useTestServer({ demoSize: DEMO_SIZE });
let demoAgent: TokenPair;
let acmeAgent: TokenPair;

const KNOWN = [
  { accountNumber: 'C99990001', name: '张三丰', phones: ['+8613912345678'] },
  { accountNumber: 'C99990002', name: 'John Smith', phones: ['+8675588881234', '+8618600001111'] },
  { accountNumber: 'C99990003', name: '欧阳娜娜', phones: ['+861065529988'] },
  { accountNumber: 'C99990004', name: '100% 满意_客户', phones: [] },
];

beforeAll(async () => {
  const db = server().db;
  const rows = await db.select().from(tenants);
  const tenantId = (slug: string) => rows.find((t) => t.slug === slug)!.id;
  const insert = (slug: string, c: (typeof KNOWN)[number]) => ({
    ...c,
    tenantId: tenantId(slug),
    pinyinInitials: pinyinInitials(c.name),
    phoneDigits: phoneDigitsColumn(c.phones),
  });
  await db.insert(customers).values(KNOWN.map((c) => insert('demo', c)));
  // The same person in the other tenant: a demo user must never see this row.
  await db.insert(customers).values(insert('acme', { ...KNOWN[0]!, accountNumber: 'A99990001' }));
  demoAgent = await login(server(), 'agent');
  acmeAgent = await login(server(), 'agent', 'acme');
});

async function search(query: string, pair = demoAgent): Promise<CustomerSearchResult> {
  const response = await server().app.inject({
    method: 'GET',
    url: `/api/customers${query}`,
    headers: bearer(pair.accessToken),
  });
  expect(response.statusCode, response.body).toBe(200);
  return CustomerSearchResultSchema.parse(response.json());
}

const accounts = (result: CustomerSearchResult) => result.items.map((c) => c.accountNumber);
const q = (text: string) => `?q=${encodeURIComponent(text)}&limit=100`;

describe('GET /api/customers', () => {
  it.each([
    ['name substring', '三丰', ['C99990001']],
    ['name, any case', 'sMiTh', ['C99990002']],
    ['pinyin initials', 'zsf', ['C99990001']],
    ['pinyin initials prefix, upper case', 'OYN', ['C99990003']],
    ['phone digits suffix', '12345678', ['C99990001']],
    ['phone with +86, spaces and dashes', '+86 139-1234-5678', ['C99990001']],
    ['a second phone', '186 0000 1111', ['C99990002']],
    ['landline with trunk prefix', '010-6552 9988', ['C99990003']],
    ['account number prefix', 'c9999000', ['C99990001', 'C99990002', 'C99990003', 'C99990004']],
    ['LIKE wildcards literally', '100%', ['C99990004']],
    ['underscore literally', '满意_客', ['C99990004']],
  ])('finds by %s (%j)', async (_label, text, expected) => {
    const result = await search(q(text));
    for (const account of expected) expect(accounts(result)).toContain(account);
    // Generated customers may match short keys too, but never the other tenant's rows.
    expect(accounts(result).every((a) => a.startsWith('C'))).toBe(true);
  });

  it('finds nothing for a key nobody has', async () => {
    expect(await search(q('xqzxqz'))).toEqual({ items: [], total: 0 });
    expect((await search(q('%'))).total).toBe(1);
  });

  it('scopes every search to the tenant of the token', async () => {
    const acmeAll = await search('?limit=100', acmeAgent);
    expect(acmeAll.total).toBe(ACME_CUSTOMER_COUNT + 1);
    expect(accounts(acmeAll).every((a) => a.startsWith('A'))).toBe(true);
    expect(accounts(await search(q('zsf'), acmeAgent))).toContain('A99990001');
    expect(accounts(await search(q('zsf'), acmeAgent))).not.toContain('C99990001');
    expect((await search(q('C9999'), acmeAgent)).total).toBe(0);
    const demoAll = await search('?limit=100', demoAgent);
    expect(demoAll.total).toBe(DEMO_SIZE + KNOWN.length);
  });

  it('pages stably, ordered by name then id', async () => {
    const all = await search('?limit=100');
    const pages: string[] = [];
    for (let offset = 0; offset < all.total; offset += 7) {
      const page = await search(`?limit=7&offset=${offset}`);
      expect(page.total).toBe(all.total);
      pages.push(...page.items.map((c) => c.id));
    }
    expect(pages).toEqual(all.items.map((c) => c.id));
    expect(new Set(pages).size).toBe(all.total);
    const past = await search(`?offset=${all.total}`);
    expect(past).toEqual({ items: [], total: all.total });
    const defaults = await search('');
    expect(defaults.items).toHaveLength(20);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['offset=-1', 'offset'],
    ['offset=1.5', 'offset'],
    ['tenant=acme', ''],
    ['q=a&q=b', 'q'],
  ])('refuses ?%s with 400', async (query, path) => {
    const response = await server().app.inject({
      method: 'GET',
      url: `/api/customers?${query}`,
      headers: bearer(demoAgent.accessToken),
    });
    expect(response.statusCode).toBe(400);
    const error = ServerErrorBodySchema.parse(response.json()).error;
    expect(error.code).toBe('bad_request');
    expect(error.issues?.map((i) => i.path)).toContain(path);
  });

  it('requires a token', async () => {
    const response = await server().app.inject({ method: 'GET', url: '/api/customers' });
    expect(response.statusCode).toBe(401);
  });

  it('returns rows that match the shared schema with E.164 phones', async () => {
    const [row] = await server()
      .db.select()
      .from(customers)
      .where(eq(customers.accountNumber, 'C99990002'));
    const result = await search(q('C99990002'));
    expect(result.items[0]).toMatchObject({
      id: row!.id,
      phones: KNOWN[1]!.phones,
      pinyinInitials: '',
    });
  });
});
