import { Alert, Badge, Button, Card, Collapse, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldOrderSummary } from '../../src-shared/contract/field-work';
import { isWorkOrderOpen } from '../../src-shared/domain/work-order';
import { errorMessage } from '../app/error-message';
import { ConflictReview } from '../conflicts/ConflictReview';
import { formatDateTime } from '../format/format';
import { useLocale } from '../i18n/use-locale';
import { PendingChanges } from './PendingChanges';
import { useFieldData } from './use-field-data';
import { WorkOrderPage } from './WorkOrderPage';

type Group = 'overdue' | 'today' | 'upcoming' | 'unscheduled';

/** Which list an open order belongs to, by its appointment window and the device's day. */
export function groupOf(order: FieldOrderSummary, now: Date): Group {
  if (!order.appointmentStart) return 'unscheduled';
  const endOfDay = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
  // An open order whose window has passed is overdue, whatever day it was.
  if ((order.appointmentEnd || order.appointmentStart) < now.getTime()) return 'overdue';
  if (order.appointmentStart < endOfDay) return 'today';
  return 'upcoming';
}

/** The technician lands here: his orders for today, the ones coming and the overdue ones. */
export function TechnicianHome() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [selected, setSelected] = useState<string | null>(null);
  const { value, error } = useFieldData('fieldWork.list', {});
  if (selected) return <WorkOrderPage id={selected} onBack={() => setSelected(null)} />;
  const now = new Date();
  const open = (value?.orders ?? []).filter((o) => isWorkOrderOpen(o.status));
  const groups: Group[] = ['overdue', 'today', 'upcoming', 'unscheduled'];
  const when = (ms: number) => (ms ? formatDateTime(new Date(ms).toISOString(), locale) : '—');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {error ? <Alert type="error" title={errorMessage(t, error)} showIcon /> : null}
      {groups.map((group) => {
        const orders = open.filter((o) => groupOf(o, now) === group);
        return (
          <Card
            key={group}
            size="small"
            title={
              <Badge
                count={orders.length}
                showZero
                offset={[12, 0]}
                color={group === 'overdue' ? 'red' : 'blue'}
              >
                {t(`field.${group}`)}
              </Badge>
            }
            data-testid={`orders-${group}`}
          >
            <List
              dataSource={orders}
              locale={{ emptyText: <Typography.Text>{t('field.none')}</Typography.Text> }}
              renderItem={(order) => (
                <List.Item
                  data-testid="order-item"
                  actions={[
                    <Button
                      key="open"
                      type="primary"
                      onClick={() => setSelected(order.id)}
                      data-testid={`open-${order.number}`}
                    >
                      {t('field.open')}
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <span>{order.number}</span>
                        <Tag>{t(`field.status.${order.status}`)}</Tag>
                        {order.unsynced && <Tag color="orange">{t('field.unsynced')}</Tag>}
                      </Space>
                    }
                    description={
                      <Space direction="vertical" size={0}>
                        <span>
                          {order.customer?.name ?? '—'} {order.customer?.phones[0] ?? ''}
                        </span>
                        <span>
                          {order.address}{' '}
                          {order.mapUrl && (
                            <a href={order.mapUrl} target="_blank" rel="noopener noreferrer">
                              {t('field.map')}
                            </a>
                          )}
                        </span>
                        <Typography.Text type="secondary">
                          {when(order.appointmentStart)} – {when(order.appointmentEnd)}
                        </Typography.Text>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        );
      })}
      <Collapse
        items={[
          { key: 'pending', label: t('field.pending.title'), children: <PendingChanges /> },
          { key: 'conflicts', label: t('conflicts.title'), children: <ConflictReview /> },
        ]}
        defaultActiveKey={['pending', 'conflicts']}
      />
    </Space>
  );
}
