import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCustomersByPhone } from '../replica/customer-lookup';
import { openReplica, type ReplicaDatabase } from '../replica/open-replica';
import { CallLinks } from './call-links';
import { createCustomerDesk } from './customer-desk';
import { createDispatcher } from './dispatch';

let replica: ReplicaDatabase;
let links: CallLinks;
let dispatch: ReturnType<typeof createDispatcher>;

beforeEach(async () => {
  replica = await openReplica({
    dataDir: await mkdtemp(path.join(tmpdir(), 'sb-customer-desk-')),
    devMode: false,
  });
  links = new CallLinks();
  const desk = createCustomerDesk({ replica, links, now: () => 5_000 });
  dispatch = createDispatcher(desk.handlers as never, { error: () => undefined });
});
afterEach(async () => {
  await replica.close();
});

const form = {
  name: ' 李雷 ',
  phones: ['138 0013 8000'],
  emails: [],
  vipTier: 'none',
  tags: ['新客户', '新客户'],
  address: { city: '上海市', line1: '' },
};

const created = async (extra: Record<string, unknown> = {}) => {
  const outcome = await dispatch('customers.create', { customer: { ...form, ...extra } });
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  return (outcome as { result: { id: string; accountNumber: string } }).result;
};

describe('customers.create', () => {
  it('normalises the numbers, allocates an account number, and the caller is found by his number', async () => {
    const { id, accountNumber } = await created();
    expect(accountNumber).toMatch(/^C-[0-9A-Z]+$/);
    const doc = (await replica.customers.findOne(id).exec())!.toJSON();
    expect(doc).toMatchObject({
      name: '李雷',
      phones: ['+8613800138000'],
      tags: ['新客户'],
      address: { city: '上海市' },
      serverSeq: 0,
      pinyinKey: 'll',
    });
    const found = await findCustomersByPhone(replica.customers, '13800138000');
    expect(found.map((customer) => customer.id)).toEqual([id]);
  });

  it("links the new customer to the unknown caller's call", async () => {
    const outcome = await dispatch('customers.create', { customer: form, callId: 'call-9' });
    expect(links.customerFor('call-9')).toBe((outcome as { result: { id: string } }).result.id);
  });

  it.each([
    ['an invalid number', { phones: ['12345'] }, 'customer.phones.0', 'customerForm.errors.phone'],
    [
      'the same number twice',
      { phones: ['13800138000', '+86 138 0013 8000'] },
      'customer.phones',
      'customerForm.errors.phonesDuplicate',
    ],
    [
      'five numbers',
      { phones: ['13800138001', '13800138002', '13800138003', '13800138004', '13800138005'] },
      'customer.phones',
      'customerForm.errors.phonesMax',
    ],
    ['an empty name', { name: '   ' }, 'customer.name', 'customerForm.errors.required'],
    [
      'a bad e-mail',
      { emails: ['not-an-address'] },
      'customer.emails.0',
      'customerForm.errors.email',
    ],
    [
      'a hostile account number',
      { accountNumber: "'; DROP TABLE--" },
      'customer.accountNumber',
      'customerForm.errors.accountNumber',
    ],
  ])('refuses %s', async (_label, change, field, message) => {
    const outcome = await dispatch('customers.create', { customer: { ...form, ...change } });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const issues = (outcome as { error: { issues: { path: string; message: string }[] } }).error
      .issues;
    expect(issues).toContainEqual({ path: field, message });
    expect(await replica.customers.count().exec()).toBe(0);
  });

  it('refuses an account number another customer has', async () => {
    await created({ accountNumber: 'A-1' });
    const outcome = await dispatch('customers.create', {
      customer: { ...form, accountNumber: 'A-1' },
    });
    expect(outcome).toMatchObject({ ok: false, error: { issues: [{ path: 'accountNumber' }] } });
  });
});

describe('customers.update and addPhone', () => {
  it('edits the whole record, keeps the account number, and removes what the form leaves out', async () => {
    const { id, accountNumber } = await created();
    const outcome = await dispatch('customers.update', {
      id,
      customer: { ...form, name: 'Li Lei', vipTier: 'gold', address: undefined },
    });
    expect(outcome).toMatchObject({ ok: true, result: { id, accountNumber } });
    const doc = (await replica.customers.findOne(id).exec())!.toJSON();
    expect(doc.name).toBe('Li Lei');
    expect(doc.nameKey).toBe('li lei');
    expect(doc.vipTier).toBe('gold');
    expect(doc.address).toBeUndefined();
  });

  it('keeps the address parts the form does not show (line2, country) when it edits the rest', async () => {
    const { id } = await created();
    // Another desktop (or the server) stored parts this form has no field for.
    const stored = await replica.customers.findOne(id).exec();
    await stored!.incrementalPatch({
      address: { line1: '朝阳路 1 号', line2: '3 单元 501', city: '北京市', country: 'CN' },
    });
    await dispatch('customers.update', {
      id,
      customer: { ...form, address: { line1: '建国路 8 号', city: '北京市' } },
    });
    const doc = (await replica.customers.findOne(id).exec())!.toJSON();
    expect(doc.address).toEqual({
      line1: '建国路 8 号',
      line2: '3 单元 501',
      city: '北京市',
      country: 'CN',
    });
  });

  it("adds an unknown caller's number once, links the call, refuses a fifth number", async () => {
    const { id } = await created({ phones: ['13800138001', '13800138002', '13800138003'] });
    expect(
      (await dispatch('customers.addPhone', { id, phone: '010 6552 9988', callId: 'c1' })).ok,
    ).toBe(true);
    expect((await dispatch('customers.addPhone', { id, phone: '+861065529988' })).ok).toBe(true);
    const doc = (await replica.customers.findOne(id).exec())!.toJSON();
    expect(doc.phones).toEqual([
      '+8613800138001',
      '+8613800138002',
      '+8613800138003',
      '+861065529988',
    ]);
    expect(links.customerFor('c1')).toBe(id);
    expect(await dispatch('customers.addPhone', { id, phone: '13900139000' })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'phone', message: 'customerForm.errors.phonesMax' }] },
    });
  });
});
