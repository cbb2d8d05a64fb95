import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLiveValue } from '../app/use-live-value';
import { formatDateTime } from '../format/format';
import { useLocale } from '../i18n/use-locale';

/** Replication at a glance: online, when it last synced, what waits, what conflicts. */
export function SyncBadge() {
  const { t } = useTranslation();
  const locale = useLocale();
  const status = useLiveValue('sync.get', 'sync.changed');
  if (!status?.enabled) return null;
  const last = status.lastSyncAt
    ? formatDateTime(new Date(status.lastSyncAt).toISOString(), locale)
    : t('sync.never');
  const problems = status.conflicts > 0 || status.errors.length > 0;
  return (
    <Badge
      status={!status.online ? 'default' : problems ? 'warning' : 'success'}
      data-testid="sync-status"
      text={
        <span style={{ color: '#fff' }} title={status.errors.at(-1) ?? ''}>
          {!status.online
            ? t('sync.offline', { last })
            : status.caughtUp
              ? t('sync.online', { last })
              : t('sync.catchingUp')}
          {status.pendingPushes > 0
            ? ` · ${t('sync.pending', { count: status.pendingPushes })}`
            : ''}
          {status.conflicts > 0 ? ` · ${t('sync.conflicts', { count: status.conflicts })}` : ''}
        </span>
      }
    />
  );
}
