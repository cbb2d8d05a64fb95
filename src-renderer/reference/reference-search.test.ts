import { describe, expect, it } from 'vitest';
import type { ReferenceDoc } from '../../src-shared/rxdb/reference';
import { searchableEntries, searchReference } from './reference-search';

const doc = (
  kind: ReferenceDoc['kind'],
  key: string,
  zhCN: string,
  en: string,
  data: Record<string, unknown>,
  extra: Partial<ReferenceDoc> = {},
): ReferenceDoc => ({
  id: `${kind}:${key}`,
  kind,
  key,
  label: { en, zhCN },
  active: true,
  sortOrder: 10,
  data,
  updatedAt: 1,
  serverSeq: 1,
  ...extra,
});

const DOCS: ReferenceDoc[] = [
  doc('product', 'BB1000', '千兆宽带 1000M', 'Gigabit broadband 1000 Mbps', {
    code: 'BB1000',
    price: 199,
  }),
  doc(
    'product',
    'BB300',
    '光纤宽带 300M',
    'Fibre broadband 300 Mbps',
    { code: 'BB300', price: 99 },
    { sortOrder: 5 },
  ),
  doc('product', 'OLD', '旧套餐', 'Old plan', { code: 'OLD', price: 1 }, { active: false }),
  doc('product', 'BROKEN', '坏数据', 'Broken row', { code: 'BROKEN', price: 'free' }),
  doc('policy', 'refund', '退费规定', 'Refunds', { text: { en: 'Refunds…', zhCN: '退费…' } }),
  doc('department', 'billing', '账务中心', 'Billing centre', {
    phone: '+862083886001',
    hours: { en: 'Daily', zhCN: '每天' },
  }),
  doc('queue', 'billing', '账务处理', 'Billing', { backOffice: true }),
];

const search = (query: string) =>
  searchReference(searchableEntries(DOCS), query).map((g) => [g.kind, g.entries.map((e) => e.key)]);

describe('reference lookup search', () => {
  it('finds by the Chinese name, the English name, the code and pinyin initials', () => {
    expect(search('宽带')).toEqual([['product', ['BB300', 'BB1000']]]);
    expect(search('GIGABIT')).toEqual([['product', ['BB1000']]]);
    expect(search('bb300')).toEqual([['product', ['BB300']]]);
    expect(search('tfgd')).toEqual([['policy', ['refund']]]);
  });

  it('needs every word, in any order and either language', () => {
    expect(search('1000 千兆')).toEqual([['product', ['BB1000']]]);
    expect(search('宽带 refunds')).toEqual([]);
  });

  it('groups by kind and shows everything for an empty query', () => {
    expect(search('  ')).toEqual([
      ['product', ['BB300', 'BB1000']],
      ['policy', ['refund']],
      ['department', ['billing']],
    ]);
  });

  it('leaves out inactive rows, rows whose data does not fit, and kinds not looked up', () => {
    expect(search('old')).toEqual([]);
    expect(search('broken')).toEqual([]);
    expect(search('billing')).toEqual([['department', ['billing']]]);
  });
});
