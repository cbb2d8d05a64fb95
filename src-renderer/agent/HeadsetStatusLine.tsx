import { Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeadsetStatus } from '../../src-shared/domain/headset';
import { useCore } from '../app/core-context';

/** Which USB headset drives the calls, and a picker when there are several. */
export function HeadsetStatusLine() {
  const { t } = useTranslation();
  const client = useCore();
  const [status, setStatus] = useState<HeadsetStatus | null>(null);
  useEffect(() => {
    let current = true;
    client
      .call('headset.get', {})
      .then((next) => current && setStatus(next))
      .catch(() => undefined);
    const stop = client.on('headset.changed', setStatus);
    return () => {
      current = false;
      stop();
    };
  }, [client]);
  if (!status) return null;
  if (!status.supported) {
    return <Typography.Text type="secondary">{t('headset.unsupported')}</Typography.Text>;
  }
  if (status.devices.length === 0) {
    return <Typography.Text type="secondary">{t('headset.none')}</Typography.Text>;
  }
  return (
    <Select<string>
      aria-label={t('headset.label')}
      data-testid="headset-select"
      value={status.activePath ?? undefined}
      style={{ width: '100%' }}
      onChange={(path) => void client.call('headset.select', { path }).then(setStatus)}
      options={status.devices.map((device) => ({
        value: device.path,
        label: `${t('headset.label')}: ${device.name}`,
      }))}
    />
  );
}
