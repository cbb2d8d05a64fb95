import { Button, Descriptions, Space, Tag, Typography } from 'antd';
import { useDeferredValue, useMemo } from 'react';
import { useLiveRxQuery } from 'rxdb/plugins/react';
import { useTranslation } from 'react-i18next';
import type { CustomerSummary, VipTier } from '../../src-shared/domain/customer';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import { InteractionTimeline } from '../agent/InteractionTimeline';
import { useShortcutHint } from '../agent/shortcut-bindings';
import { formatPhone } from '../format/format';
import { useLocale } from '../i18n/use-locale';
import { useReplicaAvailable } from '../replica/replica-context';
import { WorkOrderList } from '../work-orders/WorkOrderList';

// Dark fills with white text: the preset light tags fail WCAG AA contrast.
export const VIP_COLORS: Record<VipTier, string | undefined> = {
  none: undefined,
  silver: '#595959',
  gold: '#874d00',
  platinum: '#531dab',
};

type Profile = {
  name: string;
  accountNumber: string;
  vipTier: VipTier;
  phones: readonly string[];
  emails: readonly string[];
  address: string;
  tags: readonly string[];
  pending: boolean;
};

function fromDoc(doc: CustomerDoc): Profile {
  return {
    name: doc.name,
    accountNumber: doc.accountNumber,
    vipTier: doc.vipTier,
    phones: doc.phones,
    emails: doc.emails,
    address: [doc.address?.province, doc.address?.city, doc.address?.district, doc.address?.line1]
      .filter(Boolean)
      .join(''),
    tags: doc.tags,
    pending: doc.serverSeq === 0,
  };
}

function fromSummary(summary: CustomerSummary): Profile {
  return {
    ...summary,
    emails: summary.email ? [summary.email] : [],
    address: `${summary.city}${summary.address}`,
    pending: false,
  };
}

export type Customer360Props = {
  customerId: string;
  /** What the screen pop or the server search knew, shown until (or unless) the replica has him. */
  summary?: CustomerSummary;
  onEdit?: (customer: CustomerDoc) => void;
  onNewWorkOrder?: () => void;
};

/**
 * One customer on one screen: profile, every number and channel, tier, tags, one timeline of
 * past interactions and his open work orders, live from the replica.
 */
export function Customer360(props: Customer360Props) {
  const replicaAvailable = useReplicaAvailable();
  return replicaAvailable ? (
    <ReplicaCustomer360 {...props} />
  ) : props.summary ? (
    <ProfileView profile={fromSummary(props.summary)} />
  ) : null;
}

function ReplicaCustomer360({ customerId, summary, onEdit, onNewWorkOrder }: Customer360Props) {
  const { t } = useTranslation();
  const workOrderKey = useShortcutHint('newWorkOrder');
  const listsFor = useDeferredValue(customerId, '');
  // RxDB's hook subscribes anew whenever the query object changes: keep it stable.
  const query = useMemo(() => ({ selector: { id: customerId }, limit: 1 }), [customerId]);
  const { results } = useLiveRxQuery<CustomerDoc>({ collection: 'customers', query });
  const doc = results[0]?.toJSON() as CustomerDoc | undefined;
  const profile = doc ? fromDoc(doc) : summary ? fromSummary(summary) : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={6} data-testid="customer-360">
      {profile && <ProfileView profile={profile} />}
      <Space size={4}>
        {onNewWorkOrder && (
          <Button type="primary" onClick={onNewWorkOrder}>
            {t('customer360.newWorkOrder')}
            {workOrderKey}
          </Button>
        )}
        {onEdit && doc && <Button onClick={() => onEdit(doc)}>{t('customer360.edit')}</Button>}
      </Space>
      <Typography.Text strong>{t('customer360.openWorkOrders')}</Typography.Text>
      {/* Who is calling paints first; his orders and history follow in the next render. */}
      {listsFor === customerId && (
        <>
          <WorkOrderList customerId={customerId} openOnly pageSize={4} />
          <InteractionTimeline customerId={customerId} />
        </>
      )}
    </Space>
  );
}

function ProfileView({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Descriptions size="small" column={3} bordered>
      <Descriptions.Item label={t('customers.columns.name')}>
        <Typography.Text strong data-testid="screen-pop-name">
          {profile.name}
        </Typography.Text>
        {profile.pending && (
          <Tag color="#874d00" style={{ marginInlineStart: 8 }}>
            {t('workOrders.pending')}
          </Tag>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('customers.columns.vipTier')}>
        <Tag color={VIP_COLORS[profile.vipTier]}>{t(`customers.vip.${profile.vipTier}`)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('customers.columns.accountNumber')}>
        {profile.accountNumber}
      </Descriptions.Item>
      <Descriptions.Item label={t('customers.columns.phones')}>
        {profile.phones.map((phone) => formatPhone(phone, locale)).join(' / ')}
      </Descriptions.Item>
      <Descriptions.Item label={t('customerForm.emails')}>
        {profile.emails.join(' / ') || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('customers.columns.city')}>
        {profile.address || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('customers.columns.tags')} span={3}>
        {profile.tags.map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </Descriptions.Item>
    </Descriptions>
  );
}
