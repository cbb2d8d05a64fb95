import { useMemo } from 'react';
import { useLiveRxQuery } from 'rxdb/plugins/react';
import type { Locale } from '../../src-shared/domain/locale';
import type { ReferenceDoc } from '../../src-shared/rxdb/reference';

// A constant: RxDB's hook subscribes anew whenever the query object changes.
const TARGETS = {
  selector: { kind: { $in: ['user', 'queue'] } },
  sort: [{ sortOrder: 'asc' as const }],
};

export type DispatchTarget = {
  /** 'technician:<user id>' or 'queue:<code>': one select value per target. */
  value: string;
  kind: 'technician' | 'queue';
  key: string;
  label: string;
};

/**
 * Field technicians (reference kind 'user', role technician) and back-office queues (kind
 * 'queue', backOffice) from the replica, live: what a work order can be dispatched to.
 */
export function useDispatchTargets(locale: Locale): {
  targets: DispatchTarget[];
  nameOf: (kind: 'technician' | 'queue', key: string) => string;
} {
  const { results } = useLiveRxQuery<ReferenceDoc>({ collection: 'reference', query: TARGETS });
  return useMemo(() => {
    const targets: DispatchTarget[] = [];
    for (const document of results) {
      const doc = document.toJSON() as ReferenceDoc;
      if (!doc.active) continue;
      const label = (locale === 'zh-CN' ? doc.label.zhCN : doc.label.en) || doc.key;
      if (doc.kind === 'user' && doc.data['role'] === 'technician') {
        targets.push({ value: `technician:${doc.key}`, kind: 'technician', key: doc.key, label });
      } else if (doc.kind === 'queue' && doc.data['backOffice'] === true) {
        targets.push({ value: `queue:${doc.key}`, kind: 'queue', key: doc.key, label });
      }
    }
    const names = new Map(targets.map((target) => [target.value, target.label]));
    return {
      targets,
      nameOf: (kind, key) => names.get(`${kind}:${key}`) ?? key,
    };
  }, [results, locale]);
}
