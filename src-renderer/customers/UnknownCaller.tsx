import { Alert, App, Button, Empty, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenPop } from '../../src-shared/domain/agent';
import type { CustomerSummary } from '../../src-shared/domain/customer';
import { useShortcutHint } from '../agent/shortcut-bindings';
import { useCore } from '../app/core-context';
import { errorMessage } from '../app/error-message';
import { formatPhone } from '../format/format';
import { useLocale } from '../i18n/use-locale';

const SEARCH_DELAY_MS = 200;

/**
 * A caller no customer has: make him a new customer (his number filled in), or find the
 * customer he is and add this number to him. Either way the call is linked to that customer.
 */
export function UnknownCaller({
  pop,
  onNewCustomer,
  onLinked,
}: {
  pop: ScreenPop;
  onNewCustomer: () => void;
  onLinked: (customerId: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useCore();
  const { message } = App.useApp();
  const newKey = useShortcutHint('newCustomer');
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<CustomerSummary[]>([]);
  const [chosen, setChosen] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const number = pop.e164 ? formatPhone(pop.e164, locale) : pop.rawNumber;

  useEffect(() => {
    if (!query.trim()) return;
    let current = true;
    const timer = setTimeout(() => {
      client
        .call('customers.search', { q: query, limit: 10, offset: 0 })
        .then((found) => current && setOptions(found.items))
        .catch((error: unknown) => current && setFailure(errorMessage(t, error)));
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, query, t]);

  const link = async (): Promise<void> => {
    if (!chosen) return;
    setFailure(null);
    try {
      // A number that cannot be stored (withheld, not a valid number) only links the call.
      const linked = pop.e164
        ? await client.call('customers.addPhone', {
            id: chosen,
            phone: pop.e164,
            callId: pop.callId,
          })
        : await client.call('customers.linkCall', { id: chosen, callId: pop.callId });
      void message.success(t('unknownCaller.linked', { number }));
      onLinked(linked.id);
    } catch (error) {
      setFailure(errorMessage(t, error));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Empty description={t('screenPop.unknown', { number })} />
      <Space wrap>
        <Button type="primary" onClick={onNewCustomer}>
          {t('unknownCaller.newCustomer')}
          {newKey}
        </Button>
        <Select<string>
          showSearch={{ filterOption: false, onSearch: setQuery, searchValue: query }}
          aria-label={t('unknownCaller.findExisting')}
          placeholder={t('unknownCaller.findExisting')}
          style={{ width: 300 }}
          value={chosen}
          onChange={setChosen}
          notFoundContent={query ? t('customers.empty') : null}
          options={options.map((customer) => ({
            value: customer.id,
            label: `${customer.name} · ${customer.accountNumber}`,
          }))}
        />
        <Button disabled={!chosen} onClick={() => void link()}>
          {pop.e164 ? t('unknownCaller.addNumber') : t('unknownCaller.linkOnly')}
        </Button>
      </Space>
      {failure && <Alert type="error" role="alert" showIcon title={failure} />}
    </Space>
  );
}
