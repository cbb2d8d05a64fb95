import { Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCore } from '../app/core-context';
import { useLiveValue } from '../app/use-live-value';

/** Which USB headset drives the calls, and a picker when there are several. */
export function HeadsetStatusLine() {
  const { t } = useTranslation();
  const client = useCore();
  const status = useLiveValue('headset.get', 'headset.changed');
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
      onChange={(path) => void client.call('headset.select', { path })}
      options={status.devices.map((device) => ({
        value: device.path,
        label: `${t('headset.label')}: ${device.name}`,
      }))}
    />
  );
}
