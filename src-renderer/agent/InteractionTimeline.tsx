import { List, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useLiveRxQuery } from 'rxdb/plugins/react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/use-locale';
import type { InteractionDoc } from '../../src-shared/rxdb/interactions';
import { formatDateTime } from '../format/format';

/** The customer's past interactions, newest first, live from the replica. */
export function InteractionTimeline({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  // RxDB's hook subscribes anew whenever the query object changes: keep it stable.
  const query = useMemo(
    () => ({ selector: { customerId }, sort: [{ startedAt: 'desc' as const }], limit: 10 }),
    [customerId],
  );
  const { results, loading } = useLiveRxQuery<InteractionDoc>({
    collection: 'interactions',
    query,
  });
  return (
    <List
      size="small"
      // Live queries stay 'loading' while they listen; only the first load shows a spinner.
      loading={loading && results.length === 0}
      header={<Typography.Text strong>{t('timeline.title')}</Typography.Text>}
      locale={{ emptyText: <Typography.Text>{t('timeline.empty')}</Typography.Text> }}
      dataSource={results.map((document) => document.toJSON() as InteractionDoc)}
      data-testid="interaction-timeline"
      renderItem={(interaction) => (
        <List.Item>
          <span>{formatDateTime(new Date(interaction.startedAt).toISOString(), locale)}</span>
          <Tag>{t(`timeline.channels.${interaction.channel}`)}</Tag>
          <Tag>{t(`timeline.${interaction.direction}`)}</Tag>
          <span>
            {interaction.disposition
              ? t(`wrapUp.codes.${interaction.disposition}`, interaction.disposition)
              : '—'}
          </span>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
            {interaction.notes}
          </Typography.Text>
          {interaction.workOrderIds.length > 0 && (
            <Tag>{t('timeline.workOrders', { count: interaction.workOrderIds.length })}</Tag>
          )}
        </List.Item>
      )}
    />
  );
}
