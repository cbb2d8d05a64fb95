import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/connect';
import { referenceItems } from '../db/schema';
import { parseReferenceData } from '../../src-shared/rxdb/reference-data';
import type { DirectoryDepartment } from '../../src-shared/http/directory';

/**
 * The tenant's departments with their numbers (reference data, decision 0016): the experts a
 * call can go to outside the call center. A row whose data does not fit is left out.
 */
export async function listDepartments(
  db: Database,
  tenantId: string,
): Promise<DirectoryDepartment[]> {
  const rows = await db
    .select({
      key: referenceItems.key,
      labelEn: referenceItems.labelEn,
      labelZh: referenceItems.labelZh,
      data: referenceItems.data,
    })
    .from(referenceItems)
    .where(
      and(
        eq(referenceItems.tenantId, tenantId),
        eq(referenceItems.kind, 'department'),
        eq(referenceItems.active, true),
        eq(referenceItems.deleted, false),
      ),
    )
    .orderBy(asc(referenceItems.sortOrder), asc(referenceItems.key))
    .limit(500);
  return rows.flatMap((row) => {
    const data = parseReferenceData('department', row.data);
    if (!data) return [];
    return [
      {
        key: row.key,
        labelEn: row.labelEn.slice(0, 200),
        labelZh: row.labelZh.slice(0, 200),
        phone: data.phone,
        hoursEn: data.hours.en,
        hoursZh: data.hours.zhCN,
      },
    ];
  });
}
