import { Badge } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../src-shared/domain/locale';
import type { SyncStatusView } from '../../src-shared/domain/sync-status';
import { useCore } from '../app/core-context';
import { formatDateTime } from '../format/format';

/** Replication at a glance: online, when it last synced, what waits, what conflicts. */
export function SyncBadge() {
  const { t, i18n } = useTranslation();
  const client = useCore();
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  useEffect(() => {
    let current = true;
    client
      .call('sync.get', {})
      .then((next) => current && setStatus(next))
      .catch(() => undefined);
    const stop = client.on('sync.changed', setStatus);
    return () => {
      current = false;
      stop();
    };
  }, [client]);
  if (!status?.enabled) return null;
  const last = status.lastSyncAt
    ? formatDateTime(new Date(status.lastSyncAt).toISOString(), i18n.language as Locale)
    : t('sync.never');
  const problems = status.conflicts > 0 || status.errors.length > 0;
  return (
    <Badge
      status={!status.online ? 'default' : problems ? 'warning' : 'success'}
      data-testid="sync-status"
      text={
        <span style={{ color: '#fff' }} title={status.errors.at(-1) ?? ''}>
          {status.online ? t('sync.online', { last }) : t('sync.offline', { last })}
          {status.pendingPushes > 0
            ? ` · ${t('sync.pending', { count: status.pendingPushes })}`
            : ''}
          {status.conflicts > 0 ? ` · ${t('sync.conflicts', { count: status.conflicts })}` : ''}
        </span>
      }
    />
  );
}
