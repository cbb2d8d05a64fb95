import { App, Card, Col, Row, Space, Tabs } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerSummary } from '../../src-shared/domain/customer';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import { errorMessage } from '../app/error-message';
import { CustomerDirectory } from '../components/CustomerDirectory';
import { Customer360 } from '../customers/Customer360';
import { CustomerFormModal } from '../customers/CustomerFormModal';
import { useReplicaAvailable } from '../replica/replica-context';
import { WorkOrderFormModal } from '../work-orders/WorkOrderFormModal';
import { WorkOrderList } from '../work-orders/WorkOrderList';
import { ReferenceLookup } from '../reference/ReferenceLookup';
import { AgentStateBar } from './AgentStateBar';
import { useCallShortcuts, type DeskHandlers } from './call-shortcuts';
import { ScreenPopCard } from './ScreenPopCard';
import { ShortcutContext, useShortcutBindings } from './shortcut-bindings';
import { ShortcutHelp } from './ShortcutHelp';
import { SoftphonePanel } from './SoftphonePanel';
import { useAgent } from './use-agent';
import { WrapUpPanel } from './WrapUpPanel';

type CustomerFormState = { customer?: CustomerDoc; phone?: string; callId?: string };
type WorkOrderTarget = { customerId: string; name: string; callId?: string };

/**
 * The screen an agent lives in: state and softphone on the left; the caller's 360 (or the
 * customer picked from the directory), the directory and the work orders on the right.
 */
export function AgentConsole() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const replicaAvailable = useReplicaAvailable();
  const onError = useCallback(
    (error: unknown) => void message.error(errorMessage(t, error)),
    [message, t],
  );
  const { snapshot, pops, run } = useAgent(onError);
  const bindings = useShortcutBindings(onError);
  const [helpOpen, setHelpOpen] = useState(false);
  const [tab, setTab] = useState<'customers' | 'workOrders'>('customers');
  const [linked, setLinked] = useState<ReadonlyMap<string, string>>(new Map());
  const [selected, setSelected] = useState<CustomerSummary | null>(null);
  const [customerForm, setCustomerForm] = useState<CustomerFormState | null>(null);
  const [workOrderFor, setWorkOrderFor] = useState<WorkOrderTarget | null>(null);
  const openHelp = useCallback(() => setHelpOpen(true), []);

  // The caller stays on screen through wrap-up, while the agent writes notes about him.
  const focusedCallId =
    snapshot?.calls.find((entry) => entry.role === 'primary')?.callId ?? snapshot?.wrapUp?.callId;
  const pop = focusedCallId ? pops.get(focusedCallId) : undefined;
  const popCustomerId = pop ? (linked.get(pop.callId) ?? pop.customer?.id) : undefined;
  const current = useMemo<WorkOrderTarget | null>(
    () =>
      pop
        ? popCustomerId
          ? {
              customerId: popCustomerId,
              name:
                [pop.customer, ...pop.otherMatches].find((match) => match?.id === popCustomerId)
                  ?.name ?? '',
              callId: pop.callId,
            }
          : null
        : selected
          ? { customerId: selected.id, name: selected.name }
          : null,
    [pop, popCustomerId, selected],
  );

  const openWorkOrder = useCallback(() => {
    if (!replicaAvailable) return void message.warning(t('workOrderForm.noReplica'));
    if (!current) return void message.warning(t('workOrderForm.noCustomer'));
    setWorkOrderFor(current);
  }, [current, message, replicaAvailable, t]);
  const newCustomer = useCallback(() => {
    setCustomerForm(
      pop && !popCustomerId ? { ...(pop.e164 ? { phone: pop.e164 } : {}), callId: pop.callId } : {},
    );
  }, [pop, popCustomerId]);
  const link = useCallback(
    (callId: string, customerId: string) =>
      setLinked((previous) => new Map(previous).set(callId, customerId)),
    [],
  );

  const desk = useMemo<DeskHandlers>(
    () => ({
      reject: () => void run('call.reject', {}),
      newWorkOrder: openWorkOrder,
      newCustomer,
      focusSearch: () => {
        setTab('customers');
        setTimeout(() => document.getElementById('customer-search')?.focus(), 0);
      },
      showCustomers: () => setTab('customers'),
      showWorkOrders: () => setTab('workOrders'),
      focusWrapUp: () => document.getElementById('wrap-up-disposition')?.focus(),
    }),
    [run, openWorkOrder, newCustomer],
  );
  useCallShortcuts(snapshot, run, openHelp, bindings, desk);

  return (
    <ShortcutContext.Provider value={bindings}>
      <Row gutter={[12, 12]} wrap={false}>
        <Col flex="340px">
          {snapshot && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <AgentStateBar snapshot={snapshot} run={run} />
              {snapshot.telephony && <SoftphonePanel snapshot={snapshot} run={run} />}
              {snapshot.wrapUp && <WrapUpPanel wrapUp={snapshot.wrapUp} run={run} />}
            </Space>
          )}
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <ReferenceLookup />
            {pop && (
              <ScreenPopCard
                pop={pop}
                {...(linked.has(pop.callId) ? { linkedCustomerId: linked.get(pop.callId) } : {})}
                onNewCustomer={newCustomer}
                onLinked={(customerId) => link(pop.callId, customerId)}
                onNewWorkOrder={openWorkOrder}
                onEdit={(customer) => setCustomerForm({ customer })}
              />
            )}
            {!pop && selected && (
              <Card
                size="small"
                title={t('customer360.title')}
                data-testid="selected-customer"
                extra={
                  <a onClick={() => setSelected(null)} role="button" tabIndex={0}>
                    {t('customer360.close')}
                  </a>
                }
              >
                <Customer360
                  customerId={selected.id}
                  summary={selected}
                  onNewWorkOrder={openWorkOrder}
                  onEdit={(customer) => setCustomerForm({ customer })}
                />
              </Card>
            )}
            <Tabs
              size="small"
              activeKey={tab}
              onChange={(key) => setTab(key === 'workOrders' ? 'workOrders' : 'customers')}
              items={[
                {
                  key: 'customers',
                  label: t('agentTabs.customers'),
                  children: <CustomerDirectory onOpen={setSelected} onCreate={newCustomer} />,
                },
                ...(replicaAvailable
                  ? [
                      {
                        key: 'workOrders',
                        label: t('agentTabs.workOrders'),
                        children: <WorkOrderList pageSize={10} />,
                      },
                    ]
                  : []),
              ]}
            />
          </Space>
        </Col>
        <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} bindings={bindings} />
        {workOrderFor && (
          <WorkOrderFormModal
            open
            customerId={workOrderFor.customerId}
            customerName={workOrderFor.name}
            {...(workOrderFor.callId ? { callId: workOrderFor.callId } : {})}
            onClose={() => setWorkOrderFor(null)}
          />
        )}
        {customerForm && (
          <CustomerFormModal
            open
            {...customerForm}
            onClose={(saved) => {
              const callId = customerForm.callId;
              setCustomerForm(null);
              if (saved && callId) link(callId, saved.id);
            }}
          />
        )}
      </Row>
    </ShortcutContext.Provider>
  );
}
