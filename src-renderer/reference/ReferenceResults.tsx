import { Empty, Input, List, Typography, type InputRef } from 'antd';
import { useMemo, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveRxQuery } from 'rxdb/plugins/react';
import type { ReferenceDoc } from '../../src-shared/rxdb/reference';
import { ReferenceEntry } from './ReferenceEntry';
import { LOOKUP_KINDS, searchableEntries, searchReference } from './reference-search';

// One object for the component's life: a new query object per render would re-subscribe.
const LOOKUP_QUERY = {
  collection: 'reference',
  query: { selector: { kind: { $in: [...LOOKUP_KINDS] } }, sort: [{ sortOrder: 'asc' as const }] },
};

/** The search field and the matching entries, grouped by kind, live from the replica. */
export function ReferenceResults({ inputRef }: { inputRef: Ref<InputRef> }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const { results, loading } = useLiveRxQuery<ReferenceDoc>(LOOKUP_QUERY);
  // Search text (with pinyin initials) is built once per replica change, not per keystroke.
  const entries = useMemo(
    () => searchableEntries(results.map((doc) => doc.toJSON() as ReferenceDoc)),
    [results],
  );
  const groups = useMemo(() => searchReference(entries, query), [entries, query]);
  const count = groups.reduce((total, group) => total + group.entries.length, 0);
  return (
    <>
      <Input.Search
        ref={inputRef}
        allowClear
        aria-label={t('reference.searchLabel')}
        placeholder={t('reference.searchPlaceholder')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        data-testid="reference-search"
      />
      <Typography.Text type="secondary" role="status" aria-live="polite">
        {loading && results.length === 0 ? '' : t('reference.results', { count })}
      </Typography.Text>
      {!loading && count === 0 && <Empty description={t('reference.empty')} />}
      {groups.map((group) => (
        <section
          key={group.kind}
          aria-labelledby={`reference-kind-${group.kind}`}
          data-testid={`reference-group-${group.kind}`}
        >
          <Typography.Title level={3} id={`reference-kind-${group.kind}`} style={{ fontSize: 16 }}>
            {t(`reference.kinds.${group.kind}`)}
          </Typography.Title>
          <List
            size="small"
            dataSource={group.entries}
            rowKey="id"
            renderItem={(entry) => (
              <List.Item>
                <ReferenceEntry entry={entry} />
              </List.Item>
            )}
          />
        </section>
      ))}
    </>
  );
}
