import { Alert, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerSummary } from '../../src-shared/domain/customer';
import { useCore } from '../app/core-context';
import { errorMessage } from '../app/error-message';
import { VIP_COLORS } from './Customer360';

/**
 * Several customers share the caller's number (a family's landline, a company's switchboard):
 * the agent says which one is calling. The screen pop shows the first match until then; the
 * choice links the call, so the interaction and its work orders go to the right customer.
 */
export function CallerChooser({
  callId,
  candidates,
  chosenId,
  onChosen,
}: {
  callId: string;
  candidates: readonly CustomerSummary[];
  chosenId: string;
  onChosen: (customerId: string) => void;
}) {
  const { t } = useTranslation();
  const client = useCore();
  const [failure, setFailure] = useState<string | null>(null);

  const choose = async (id: string): Promise<void> => {
    setFailure(null);
    try {
      await client.call('customers.linkCall', { id, callId });
      onChosen(id);
    } catch (error) {
      setFailure(errorMessage(t, error));
    }
  };

  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid="caller-chooser">
      <Typography.Text id="caller-chooser-label" type="secondary">
        {t('screenPop.sharedNumber', { count: candidates.length })}
      </Typography.Text>
      <Radio.Group
        aria-labelledby="caller-chooser-label"
        value={chosenId}
        onChange={(event) => void choose(String(event.target.value))}
      >
        <Space direction="vertical" size={2}>
          {candidates.map((customer) => (
            <Radio key={customer.id} value={customer.id}>
              <Typography.Text strong>{customer.name}</Typography.Text> · {customer.accountNumber}
              {customer.city && ` · ${customer.city}`}
              {customer.vipTier !== 'none' && (
                <Tag color={VIP_COLORS[customer.vipTier]} style={{ marginInlineStart: 6 }}>
                  {t(`customers.vip.${customer.vipTier}`)}
                </Tag>
              )}
            </Radio>
          ))}
        </Space>
      </Radio.Group>
      {failure && <Alert type="error" role="alert" showIcon title={failure} />}
    </Space>
  );
}
