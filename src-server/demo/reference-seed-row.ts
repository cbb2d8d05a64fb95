import type { ReferenceKind } from '../../src-shared/rxdb/reference';

/** One reference row of the demo seed (users are not here: a trigger derives them). */
export interface ReferenceSeedRow {
  kind: Exclude<ReferenceKind, 'user'>;
  key: string;
  label: { en: string; zhCN: string };
  sortOrder: number;
  active?: boolean;
  data: Record<string, unknown>;
}
