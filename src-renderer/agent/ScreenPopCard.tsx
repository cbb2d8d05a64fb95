import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScreenPop } from '../../src-shared/domain/agent';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import { CallerChooser } from '../customers/CallerChooser';
import { Customer360 } from '../customers/Customer360';
import { UnknownCaller } from '../customers/UnknownCaller';

export type ScreenPopCardProps = {
  pop: ScreenPop;
  /** The customer the agent made of an unknown caller, or linked him to. */
  linkedCustomerId?: string;
  onNewCustomer: () => void;
  onLinked: (customerId: string) => void;
  onNewWorkOrder: () => void;
  onEdit: (customer: CustomerDoc) => void;
};

/** The caller's record, on screen before the agent answers: his 360, or what to do with him. */
export function ScreenPopCard({
  pop,
  linkedCustomerId,
  onNewCustomer,
  onLinked,
  onNewWorkOrder,
  onEdit,
}: ScreenPopCardProps) {
  const { t } = useTranslation();
  const customerId = linkedCustomerId ?? pop.customer?.id;
  if (!customerId) {
    return (
      <Card size="small" title={t('screenPop.unknownTitle')} data-testid="screen-pop">
        <UnknownCaller pop={pop} onNewCustomer={onNewCustomer} onLinked={onLinked} />
      </Card>
    );
  }
  const matches = pop.customer ? [pop.customer, ...pop.otherMatches] : [];
  const summary = matches.find((match) => match.id === customerId);
  return (
    <Card size="small" title={t('screenPop.title')} data-testid="screen-pop">
      {matches.length > 1 && (
        <CallerChooser
          callId={pop.callId}
          candidates={matches}
          chosenId={customerId}
          onChosen={onLinked}
        />
      )}
      <Customer360
        customerId={customerId}
        {...(summary ? { summary } : {})}
        onNewWorkOrder={onNewWorkOrder}
        onEdit={onEdit}
      />
    </Card>
  );
}
