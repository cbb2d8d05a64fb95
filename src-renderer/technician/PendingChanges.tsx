import { Alert, Button, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCore } from '../app/core-context';
import { errorMessage } from '../app/error-message';
import { useLiveValue } from '../app/use-live-value';
import { formatDateTime } from '../format/format';
import { useLocale } from '../i18n/use-locale';
import { useFieldData } from './use-field-data';

/** What waits to upload, when sync last succeeded, its errors, and a retry. */
export function PendingChanges() {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useCore();
  const status = useLiveValue('sync.get', 'sync.changed');
  const { value, error } = useFieldData('fieldWork.pending', {});
  const [retrying, setRetrying] = useState(false);
  const last = status?.lastSyncAt
    ? formatDateTime(new Date(status.lastSyncAt).toISOString(), locale)
    : t('sync.never');
  const pending = value?.orders ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="pending-changes">
      <Typography.Text>{t('field.pending.lastSync', { last })}</Typography.Text>
      {error ? <Alert type="error" title={errorMessage(t, error)} /> : null}
      <List
        size="small"
        dataSource={pending}
        locale={{ emptyText: <Typography.Text>{t('field.pending.nothing')}</Typography.Text> }}
        renderItem={(order) => (
          <List.Item data-testid="pending-order">
            {order.number} · {t('field.pending.fields', { fields: order.fields.join(', ') })}
          </List.Item>
        )}
      />
      {status && status.errors.length > 0 && (
        <Alert
          type="warning"
          title={t('field.pending.errors')}
          description={
            <ul style={{ margin: 0 }}>
              {status.errors.slice(-5).map((e, i) => (
                // RxDB's messages carry whole documents: the first line is what a person reads.
                <li key={i} title={e}>
                  {e.length > 200 ? `${e.slice(0, 200)}…` : e}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Button
        loading={retrying}
        data-testid="sync-retry"
        onClick={async () => {
          setRetrying(true);
          await client.call('sync.retryNow', {}).finally(() => setRetrying(false));
        }}
      >
        {t('field.pending.retry')}
      </Button>
    </Space>
  );
}
