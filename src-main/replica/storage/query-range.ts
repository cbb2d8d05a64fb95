import {
  getStartIndexStringFromLowerBound,
  getStartIndexStringFromUpperBound,
  type RxDocumentData,
  type RxJsonSchema,
  type RxQueryPlan,
} from 'rxdb';
import { encodeCompactKey, indexName, type IndexKeyColumn } from './index-keys';
import { quoteIdent } from './table-definition';

export type RangeSql = { sql: string; params: Buffer[]; key?: IndexKeyColumn };

/**
 * The query plan comes from RxDB's planner. Its index becomes a range scan over that
 * index's key column, in index order, with RxDB's own bound strings. What the index does
 * not decide is left to the caller, done exactly as RxDB does it: the selector by
 * getQueryMatcher, the sort by getSortComparator. Without a key column for the planned
 * index (not expected) every row is returned and the caller matches and sorts all.
 */
export function rangeSql<T>(
  schema: RxJsonSchema<RxDocumentData<T>>,
  keyByIndex: ReadonlyMap<string, IndexKeyColumn>,
  table: string,
  plan: RxQueryPlan,
  select: string,
): RangeSql {
  const key = keyByIndex.get(indexName(plan.index));
  if (!key) return { sql: `SELECT ${select} FROM ${table} ORDER BY id_key`, params: [] };
  const col = quoteIdent(key.column);
  const lo = getStartIndexStringFromLowerBound(schema, plan.index, plan.startKeys);
  const hi = getStartIndexStringFromUpperBound(schema, plan.index, plan.endKeys);
  const sql =
    `SELECT ${select} FROM ${table} WHERE ${col} ${plan.inclusiveStart ? '>=' : '>'} ? ` +
    `AND ${col} ${plan.inclusiveEnd ? '<=' : '<'} ? ORDER BY ${col}`;
  return { sql, params: [encodeCompactKey(lo), encodeCompactKey(hi)], key };
}
