import { Alert, Button, Input, Space, Table, Tag, Typography } from 'antd';
import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/use-locale';
import type { CustomerSummary, VipTier } from '../../src-shared/domain/customer';
import type { CustomerSearchResult } from '../../src-shared/http/customers';
import { useCore } from '../app/core-context';
import { errorMessage } from '../app/error-message';
import { useServerOnline } from '../app/server-online-context';
import { formatPhone } from '../format/format';

const PAGE_SIZE = 20;
const SEARCH_DELAY_MS = 200;
// Dark fills with white text: the preset light tags fail WCAG AA contrast.
const VIP_COLORS: Record<VipTier, string | undefined> = {
  none: undefined,
  silver: '#595959',
  gold: '#874d00',
  platinum: '#531dab',
};

/**
 * Memoised: it has no props, and the console around it re-renders on every call event; a
 * 20-row table repainted on each ring would delay the screen pop.
 */
export const CustomerDirectory = memo(function CustomerDirectory({
  onOpen,
  onCreate,
}: {
  /** Opens the customer's 360 (the agent console). */
  onOpen?: (customer: CustomerSummary) => void;
  /** Starts a new customer (the agent console). */
  onCreate?: () => void;
} = {}) {
  const { t } = useTranslation();
  const serverOnline = useServerOnline();
  const locale = useLocale();
  const client = useCore();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<CustomerSearchResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      setLoading(true);
      client
        .call('customers.search', { q: query, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
        .then((next) => {
          if (!current) return;
          setResult(next);
          setFailure(null);
        })
        .catch((error: unknown) => current && setFailure(errorMessage(t, error)))
        .finally(() => current && setLoading(false));
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, query, page, t]);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Input.Search
          id="customer-search"
          aria-label={t('customers.searchLabel')}
          placeholder={t('customers.searchPlaceholder')}
          allowClear
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setPage(1);
          }}
          style={{ width: 420 }}
        />
        {onCreate && <Button onClick={onCreate}>{t('customerForm.newTitle')}</Button>}
      </Space>
      {failure && <Alert type="error" role="alert" title={failure} showIcon />}
      {/* The replica answers online too once synced; say so only when the server is away. */}
      {result?.source === 'replica' && !serverOnline && (
        <Alert type="warning" showIcon title={t('customers.offlineResults')} />
      )}
      <Table<CustomerSummary>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={result?.items ?? []}
        // Ant Design's empty text is too faint for WCAG AA contrast.
        locale={{ emptyText: <Typography.Text>{t('customers.empty')}</Typography.Text> }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: result?.total ?? 0,
          showSizeChanger: false,
          showTotal: (count) => t('customers.total', { count }),
          onChange: setPage,
        }}
        columns={[
          {
            title: t('customers.columns.name'),
            key: 'name',
            render: (_, customer) =>
              onOpen ? (
                <Button type="link" size="small" onClick={() => onOpen(customer)}>
                  {customer.name}
                </Button>
              ) : (
                customer.name
              ),
          },
          {
            title: t('customers.columns.accountNumber'),
            dataIndex: 'accountNumber',
            key: 'accountNumber',
          },
          {
            title: t('customers.columns.phones'),
            key: 'phones',
            render: (_, customer) => (
              <Typography.Text style={{ whiteSpace: 'pre-line' }}>
                {customer.phones.map((phone) => formatPhone(phone, locale)).join('\n')}
              </Typography.Text>
            ),
          },
          {
            title: t('customers.columns.vipTier'),
            key: 'vipTier',
            render: (_, customer) => (
              <Tag color={VIP_COLORS[customer.vipTier]}>
                {t(`customers.vip.${customer.vipTier}`)}
              </Tag>
            ),
          },
          { title: t('customers.columns.city'), dataIndex: 'city', key: 'city' },
          {
            title: t('customers.columns.tags'),
            key: 'tags',
            render: (_, customer) => customer.tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
          },
        ]}
      />
    </Space>
  );
});
