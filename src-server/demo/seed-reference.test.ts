import { describe, expect, it } from 'vitest';
import { DISPOSITIONS, NOT_READY_REASONS } from '../../src-shared/domain/codes';
import { WORK_ORDER_TYPES } from '../../src-shared/domain/work-order';
import { referenceCatalog, type ReferenceSeedRow } from './reference-catalog';
import { checkReferenceRow } from './seed-reference';

const keysOf = (kind: string) =>
  referenceCatalog()
    .filter((r) => r.kind === kind)
    .map((r) => r.key);

describe('demo reference catalogue', () => {
  it('fits the agreed shapes and has unique keys per kind', () => {
    const catalog = referenceCatalog();
    for (const row of catalog) expect(() => checkReferenceRow(row)).not.toThrow();
    const ids = catalog.map((r) => `${r.kind}:${r.key}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('matches the shared code lists and has back-office queues', () => {
    expect(keysOf('disposition')).toEqual([...DISPOSITIONS]);
    expect(keysOf('reason_code')).toEqual([...NOT_READY_REASONS]);
    expect(keysOf('work_order_type')).toEqual([...WORK_ORDER_TYPES]);
    const queues = referenceCatalog().filter((r) => r.kind === 'queue');
    expect(queues.filter((q) => q.data['backOffice'] === true).map((q) => q.key)).toEqual([
      'billing',
      'complaints_desk',
      'installations_planning',
    ]);
    expect(keysOf('product').length).toBeGreaterThanOrEqual(20);
    expect(keysOf('policy').length).toBeGreaterThanOrEqual(5);
  });

  const product: ReferenceSeedRow = {
    kind: 'product',
    key: 'BB100',
    label: { en: 'Fibre 100', zhCN: '光纤 100' },
    sortOrder: 1,
    data: { code: 'BB100', price: 59 },
  };
  it.each([
    ['a key with spaces', { ...product, key: 'BB 100' }, /malformed key/],
    ['a missing label', { ...product, label: { en: '', zhCN: '光纤' } }, /both labels/],
    ['a negative price', { ...product, data: { code: 'BB100', price: -1 } }, /product:BB100/],
    ['a price as text', { ...product, data: { code: 'BB100', price: '59' } }, /product:BB100/],
    [
      'a department number not in E.164',
      {
        ...product,
        kind: 'department',
        data: { phone: '020-8388 6001', hours: { en: 'Daily', zhCN: '每天' } },
      },
      /E\.164/,
    ],
    ['a fee in dollars', { ...product, kind: 'fee', data: { amount: 1, currency: 'USD' } }, /fee/],
  ] as [string, ReferenceSeedRow, RegExp][])('refuses %s', (_what, row, message) => {
    expect(() => checkReferenceRow(row)).toThrow(message);
  });
});
