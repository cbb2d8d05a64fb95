import { REFERENCE_KEY_PATTERN } from '../../src-shared/rxdb/reference';
import { REFERENCE_DATA_SCHEMAS } from '../../src-shared/rxdb/reference-data';
import type { Database } from '../db/connect';
import { referenceItems } from '../db/schema';
import { referenceCatalog, type ReferenceSeedRow } from './reference-catalog';

/** Throws naming the row when a catalogue entry does not fit its kind's agreed shape. */
export function checkReferenceRow(row: ReferenceSeedRow): void {
  const where = `reference ${row.kind}:${row.key}`;
  if (!REFERENCE_KEY_PATTERN.test(row.key)) throw new Error(`${where}: malformed key`);
  if (!row.label.en || !row.label.zhCN) throw new Error(`${where}: needs both labels`);
  const parsed = REFERENCE_DATA_SCHEMAS[row.kind].safeParse(row.data);
  if (!parsed.success) throw new Error(`${where}: ${parsed.error.issues[0]?.message}`);
}

/** Inserts the demo catalogue for one tenant (its users' rows come from the users trigger). */
export async function seedReference(
  db: Database,
  tenantId: string,
  catalog: readonly ReferenceSeedRow[] = referenceCatalog(),
): Promise<number> {
  catalog.forEach(checkReferenceRow);
  if (catalog.length === 0) return 0;
  await db.insert(referenceItems).values(
    catalog.map((row) => ({
      tenantId,
      kind: row.kind,
      key: row.key,
      labelEn: row.label.en,
      labelZh: row.label.zhCN,
      active: row.active ?? true,
      sortOrder: row.sortOrder,
      data: row.data,
    })),
  );
  return catalog.length;
}
