import { Card, Descriptions, Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/use-locale';
import type { ScreenPop } from '../../src-shared/domain/agent';
import { formatPhone } from '../format/format';
import { useReplicaAvailable } from '../replica/replica-context';
import { InteractionTimeline } from './InteractionTimeline';

/** The caller's record, on screen before the agent answers. */
export function ScreenPopCard({ pop }: { pop: ScreenPop }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const replicaAvailable = useReplicaAvailable();
  const customer = pop.customer;
  if (!customer) {
    return (
      <Card size="small" title={t('screenPop.unknownTitle')} data-testid="screen-pop">
        <Empty
          description={t('screenPop.unknown', {
            number: pop.e164 ? formatPhone(pop.e164, locale) : pop.rawNumber,
          })}
        />
      </Card>
    );
  }
  return (
    <Card size="small" title={t('screenPop.title')} data-testid="screen-pop">
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('customers.columns.name')}>
          <Typography.Text strong data-testid="screen-pop-name">
            {customer.name}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.columns.vipTier')}>
          {t(`customers.vip.${customer.vipTier}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.columns.accountNumber')}>
          {customer.accountNumber}
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.columns.phones')}>
          {customer.phones.map((phone) => formatPhone(phone, locale)).join(' / ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.columns.city')} span={2}>
          {customer.city} {customer.address}
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.columns.tags')} span={2}>
          {customer.tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </Descriptions.Item>
      </Descriptions>
      {replicaAvailable && <InteractionTimeline customerId={customer.id} />}
      {pop.otherMatches.length > 0 && (
        <Typography.Text type="secondary">
          {t('screenPop.otherMatches', { count: pop.otherMatches.length })}
        </Typography.Text>
      )}
    </Card>
  );
}
