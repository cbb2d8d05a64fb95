import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CustomerSummarySchema } from '../../src-shared/domain/customer';
import { normalizePhone } from '../../src-shared/domain/phone';
import { pinyinInitials } from '../../src-shared/domain/pinyin';
import { parseWorkOrderDetails } from '../../src-shared/domain/work-order-forms';
import { ADDRESS } from '../../src-shared/rxdb/common';
import { WORK_ORDER_STATUSES, WORK_ORDER_TYPES } from '../db/enums';
import { generateDemo, type DemoGeneratorOptions, type DemoRecord } from './generate';

const AGENTS = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'];
const TECHS = ['00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000c2'];
const base: DemoGeneratorOptions = { agentIds: AGENTS, technicianIds: TECHS };

function digest(options: Partial<DemoGeneratorOptions>): string {
  const hash = createHash('sha256');
  for (const record of generateDemo({ ...base, ...options })) hash.update(JSON.stringify(record));
  return hash.digest('hex');
}

function collect(size: number, seed = 1): DemoRecord[] {
  return [...generateDemo({ ...base, size, seed })];
}

describe('generateDemo', () => {
  it('is deterministic: same seed and size give byte-identical output', () => {
    expect(digest({ seed: 42, size: 300 })).toBe(digest({ seed: 42, size: 300 }));
    expect(digest({ seed: 43, size: 300 })).not.toBe(digest({ seed: 42, size: 300 }));
  });

  it('streams: a prefix of a large run equals a small run', () => {
    const iterator = generateDemo({ ...base, size: 1_000_000, seed: 5 });
    const first = Array.from({ length: 50 }, () => iterator.next().value as DemoRecord);
    iterator.return(undefined);
    expect(JSON.stringify(first)).toBe(JSON.stringify(collect(50, 5)));
  });

  const records = collect(3000, 11);
  const all = {
    customers: records.map((r) => r.customer),
    workOrders: records.flatMap((r) => r.workOrders),
    interactions: records.flatMap((r) => r.interactions),
  };

  it('makes valid, unique customers', () => {
    expect(new Set(all.customers.map((c) => c.id)).size).toBe(3000);
    expect(new Set(all.customers.map((c) => c.accountNumber)).size).toBe(3000);
    for (const c of all.customers) {
      const { emails, address, ...summary } = c;
      CustomerSummarySchema.omit({ email: true, city: true, address: true }).parse({
        ...summary,
        updatedAt: c.createdAt,
      });
      for (const email of emails) expect(email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
      // Within the replica's address schema, which the server stores as is.
      for (const [part, value] of Object.entries(address)) {
        const bounds = ADDRESS.properties[part as keyof typeof ADDRESS.properties];
        expect(value.length).toBeGreaterThan(0);
        expect(value.length).toBeLessThanOrEqual(bounds.maxLength);
      }
      expect(c.pinyinInitials).toBe(pinyinInitials(c.name));
      for (const phone of c.phones) expect(normalizePhone(phone)).toBe(phone);
    }
  });

  it('has mostly Chinese names, some English, with a skewed VIP distribution', () => {
    const chinese = all.customers.filter((c) => /\p{Script=Han}/u.test(c.name)).length / 3000;
    expect(chinese).toBeGreaterThan(0.8);
    expect(chinese).toBeLessThan(0.95);
    const share = (tier: string) => all.customers.filter((c) => c.vipTier === tier).length / 3000;
    expect(share('none')).toBeGreaterThan(0.7);
    expect(share('platinum')).toBeGreaterThan(0);
    expect(share('platinum')).toBeLessThan(share('gold'));
    expect(share('gold')).toBeLessThan(share('silver'));
    const phones = all.customers.flatMap((c) => c.phones);
    expect(phones.some((p) => /^\+861[3-9]\d{9}$/.test(p))).toBe(true);
    for (const area of ['10', '21', '755']) {
      expect(phones.some((p) => p.startsWith(`+86${area}`) && !/^\+861[3-9]/.test(p))).toBe(true);
    }
  });

  it('covers every work order type and status, with technicians as assignees', () => {
    expect(new Set(all.workOrders.map((w) => w.type))).toEqual(new Set(WORK_ORDER_TYPES));
    expect(new Set(all.workOrders.map((w) => w.status))).toEqual(new Set(WORK_ORDER_STATUSES));
    expect(new Set(all.workOrders.map((w) => w.number)).size).toBe(all.workOrders.length);
    for (const w of all.workOrders) {
      if (w.assigneeId !== null) expect(TECHS).toContain(w.assigneeId);
      // Valid for its type's form, so an agent can open and correct a demo order.
      expect(parseWorkOrderDetails(w.type, w.details).success, w.number).toBe(true);
      expect(w.history.at(-1)?.status).toBe(w.status);
      expect(w.history[0]?.status).toBe('new');
      const times = w.history.map((h) => Date.parse(h.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    }
    expect(
      all.workOrders.filter((w) => w.status === 'new').every((w) => w.assigneeId === null),
    ).toBe(true);
  });

  it('links interactions to customers, agents and the work orders they opened', () => {
    const workOrderIds = new Set(all.workOrders.map((w) => w.id));
    const customerIds = new Set(all.customers.map((c) => c.id));
    for (const i of all.interactions) {
      expect(customerIds.has(i.customerId)).toBe(true);
      if (i.agentId !== null) expect(AGENTS).toContain(i.agentId);
      for (const id of i.workOrderIds) expect(workOrderIds.has(id)).toBe(true);
      if (i.answeredAt)
        expect(Date.parse(i.answeredAt)).toBeGreaterThanOrEqual(Date.parse(i.startedAt));
    }
    const linked = new Set(all.interactions.flatMap((i) => i.workOrderIds));
    expect(linked.size).toBe(all.workOrders.length);
    expect(new Set(all.interactions.map((i) => i.channel)).size).toBe(5);
  });
});
