import { Badge, Button, Input, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveRxQuery } from 'rxdb/plugins/react';
import {
  isWorkOrderOpen,
  WORK_ORDER_STATUSES,
  WORK_ORDER_TYPES,
  type WorkOrderStatus,
  type WorkOrderType,
} from '../../src-shared/domain/work-order';
import type { WorkOrderDoc } from '../../src-shared/rxdb/work-orders';
import { formatDateTime } from '../format/format';
import { useLocale } from '../i18n/use-locale';
import { useDispatchTargets } from './use-dispatch-targets';
import { WorkOrderEditModal } from './WorkOrderEditModal';

type Filters = {
  text: string;
  status: WorkOrderStatus | 'open' | undefined;
  type: WorkOrderType | undefined;
  assignee: string | undefined;
};

/** Not yet accepted by the central server: created or changed here and waiting for sync. */
export const isPending = (order: Pick<WorkOrderDoc, 'serverSeq'>): boolean => order.serverSeq === 0;

/**
 * Work orders from the replica, live: a customer's (in the 360) or all of them, with search
 * (number, description) and filters by status, type and assignee.
 */
export function WorkOrderList({
  customerId,
  openOnly = false,
  pageSize = 8,
}: {
  customerId?: string;
  openOnly?: boolean;
  pageSize?: number;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { targets, nameOf } = useDispatchTargets(locale);
  const [filters, setFilters] = useState<Filters>({
    text: '',
    status: openOnly ? 'open' : undefined,
    type: undefined,
    assignee: undefined,
  });
  // RxDB's hook subscribes anew whenever the query object changes: keep it stable.
  const query = useMemo(
    () => ({
      selector: {
        ...(customerId ? { customerId } : {}),
        ...(filters.status && filters.status !== 'open' ? { status: filters.status } : {}),
        ...(filters.type ? { type: filters.type } : {}),
        ...(filters.assignee ? assigneeSelector(filters.assignee) : {}),
      },
      sort: [{ updatedAt: 'desc' as const }],
      limit: 500,
    }),
    [customerId, filters.status, filters.type, filters.assignee],
  );
  const { results, loading } = useLiveRxQuery<WorkOrderDoc>({ collection: 'work_orders', query });
  const rows = useMemo(() => {
    const text = filters.text.trim().toLowerCase();
    return results
      .map((document) => document.toJSON() as WorkOrderDoc)
      .filter((order) => filters.status !== 'open' || isWorkOrderOpen(order.status))
      .filter(
        (order) =>
          !text ||
          order.number.toLowerCase().includes(text) ||
          order.description.toLowerCase().includes(text),
      );
  }, [results, filters.status, filters.text]);
  const assigneeName = (order: WorkOrderDoc): string =>
    order.assigneeId
      ? nameOf('technician', order.assigneeId)
      : order.queueId
        ? nameOf('queue', order.queueId)
        : t('workOrders.unassigned');

  const [editing, setEditing] = useState<WorkOrderDoc | null>(null);
  const set = (change: Partial<Filters>) => setFilters((previous) => ({ ...previous, ...change }));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={4}>
      <Space wrap size={4} role="search" aria-label={t('workOrders.filters')}>
        <Input.Search
          allowClear
          aria-label={t('workOrders.search')}
          placeholder={t('workOrders.search')}
          value={filters.text}
          onChange={(event) => set({ text: event.target.value })}
          style={{ width: 200 }}
        />
        <Select<Filters['status']>
          allowClear
          aria-label={t('workOrders.columns.status')}
          placeholder={t('workOrders.columns.status')}
          style={{ width: 130 }}
          value={filters.status}
          onChange={(status) => set({ status })}
          options={[
            { value: 'open', label: t('workOrders.openOnly') },
            ...WORK_ORDER_STATUSES.map((value) => ({
              value,
              label: t(`workOrders.statuses.${value}`),
            })),
          ]}
        />
        <Select<WorkOrderType>
          allowClear
          aria-label={t('workOrders.columns.type')}
          placeholder={t('workOrders.columns.type')}
          style={{ width: 130 }}
          value={filters.type}
          onChange={(type) => set({ type })}
          options={WORK_ORDER_TYPES.map((value) => ({
            value,
            label: t(`workOrders.types.${value}`),
          }))}
        />
        <Select<string>
          allowClear
          aria-label={t('workOrders.columns.assignee')}
          placeholder={t('workOrders.columns.assignee')}
          style={{ width: 150 }}
          value={filters.assignee}
          onChange={(assignee) => set({ assignee })}
          options={[
            { value: 'unassigned', label: t('workOrders.unassigned') },
            ...targets.map((target) => ({ value: target.value, label: target.label })),
          ]}
        />
      </Space>
      <Table<WorkOrderDoc>
        rowKey="id"
        size="small"
        data-testid="work-order-list"
        loading={loading && results.length === 0}
        dataSource={rows}
        // Ant Design's empty text is too faint for WCAG AA contrast.
        locale={{ emptyText: <Typography.Text>{t('workOrders.empty')}</Typography.Text> }}
        pagination={{ pageSize, showSizeChanger: false, hideOnSinglePage: true }}
        expandable={{
          expandedRowRender: (order) => <WorkOrderHistory order={order} />,
        }}
        columns={[
          {
            title: t('workOrders.columns.number'),
            key: 'number',
            render: (_, order) => (
              <Space size={4}>
                <Typography.Text code>{order.number}</Typography.Text>
                {isPending(order) && (
                  <Tag color="#874d00" data-testid="work-order-pending">
                    {t('workOrders.pending')}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('workOrders.columns.type'),
            key: 'type',
            render: (_, order) => t(`workOrders.types.${order.type}`),
          },
          {
            title: t('workOrders.columns.status'),
            key: 'status',
            render: (_, order) => (
              <Badge
                status={isWorkOrderOpen(order.status) ? 'processing' : 'default'}
                text={t(`workOrders.statuses.${order.status}`)}
              />
            ),
          },
          {
            title: t('workOrders.columns.priority'),
            key: 'priority',
            render: (_, order) => t(`workOrders.priorities.${order.priority}`),
          },
          {
            title: t('workOrders.columns.assignee'),
            key: 'assignee',
            render: (_, order) => assigneeName(order),
          },
          {
            title: t('workOrders.columns.updated'),
            key: 'updatedAt',
            render: (_, order) => formatDateTime(new Date(order.updatedAt).toISOString(), locale),
          },
          {
            title: t('workOrders.columns.description'),
            key: 'description',
            render: (_, order) => (
              <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                {order.description}
              </Typography.Text>
            ),
          },
          {
            title: t('workOrderEdit.edit'),
            key: 'edit',
            render: (_, order) =>
              isWorkOrderOpen(order.status) && (
                <Button
                  size="small"
                  aria-label={t('workOrderEdit.editNumber', { number: order.number })}
                  onClick={() => setEditing(order)}
                >
                  {t('workOrderEdit.edit')}
                </Button>
              ),
          },
        ]}
      />
      {editing && <WorkOrderEditModal order={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function assigneeSelector(value: string): Partial<Record<'assigneeId' | 'queueId', string>> {
  if (value === 'unassigned') return { assigneeId: '', queueId: '' };
  const [kind, key = ''] = value.split(/:(.*)/s);
  return kind === 'technician' ? { assigneeId: key } : { queueId: key };
}

/** The order's details and its append-only history, oldest first. */
function WorkOrderHistory({ order }: { order: WorkOrderDoc }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Typography.Text>
        {Object.entries(order.details)
          .map(
            ([key, value]) =>
              `${t(`workOrderForm.fields.${key}`, key)}: ${
                typeof value === 'boolean'
                  ? t(value ? 'workOrders.yes' : 'workOrders.no')
                  : t(`workOrderForm.options.${key}.${String(value)}`, String(value))
              }`,
          )
          .join(' · ')}
      </Typography.Text>
      <Timeline
        items={order.history.map((entry) => ({
          content: (
            <span>
              {formatDateTime(new Date(entry.at).toISOString(), locale)} ·{' '}
              {t(`workOrders.actions.${entry.action}`)}
              {entry.action === 'status' && entry.to
                ? `: ${t(`workOrders.statuses.${entry.to}`, entry.to)}`
                : ''}
              {entry.note ? `: ${entry.note}` : ''}
            </span>
          ),
        }))}
      />
    </Space>
  );
}
