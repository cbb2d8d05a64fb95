import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  WORK_ORDER_STATUS_PROGRESS,
  type WorkOrderStatus,
} from '../../src-shared/domain/work-order';
import {
  WorkOrderUpdateSchema,
  type WorkOrderUpdateInput,
} from '../../src-shared/domain/work-order-forms';
import type { WorkOrderDoc } from '../../src-shared/rxdb/work-orders';
import { useCore } from '../app/core-context';
import { clearIssuesOf } from './form-issues';
import {
  detailsOf,
  dispatchOf,
  dispatchValue,
  formFieldOf,
  windowOf,
  type WorkOrderFormValues,
} from './form-values';
import { saveOnCtrlEnter, useCheckedSubmit } from './use-checked-submit';
import { WorkOrderDispatchField, WorkOrderTypeFields } from './WorkOrderFields';

type EditValues = WorkOrderFormValues & { status?: WorkOrderStatus; note?: string };

function initialValues(order: WorkOrderDoc): EditValues {
  return {
    type: order.type,
    status: order.status,
    priority: order.priority,
    description: order.description,
    dispatch: dispatchValue(order),
    // The forms hold text and flags; a number stored by another client shows as its text.
    details: Object.fromEntries(
      Object.entries(order.details).map(([key, value]) => [
        key,
        typeof value === 'number' ? String(value) : value,
      ]),
    ),
    window:
      order.appointmentStart > 0
        ? [dayjs(order.appointmentStart), dayjs(order.appointmentEnd)]
        : null,
  };
}

/**
 * An existing order, corrected from the call center: its type's fields, priority, visit
 * window, status (forward only), dispatch and a note. Written to the replica, so it works
 * offline; every change lands in the order's history.
 */
export function WorkOrderEditModal({
  order,
  onClose,
}: {
  order: WorkOrderDoc;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useCore();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const { summary, saving, submit } = useCheckedSubmit(form, formFieldOf);
  const reachable = WORK_ORDER_STATUS_PROGRESS.slice(
    WORK_ORDER_STATUS_PROGRESS.indexOf(order.status),
  );

  const toUpdate = (values: EditValues): WorkOrderUpdateInput => {
    const window = windowOf(values);
    const dispatch = values.dispatch ?? 'none';
    const note = values.note?.trim();
    return {
      id: order.id,
      edit: {
        type: order.type,
        priority: values.priority,
        description: values.description ?? '',
        details: detailsOf(order.type, values),
        ...(window ? { window } : {}),
      } as NonNullable<WorkOrderUpdateInput['edit']>,
      ...(values.status && values.status !== order.status ? { status: values.status } : {}),
      ...(dispatch !== dispatchValue(order) ? { dispatch: dispatchOf(dispatch) } : {}),
      ...(note ? { note } : {}),
    };
  };

  const save = () =>
    submit(toUpdate(form.getFieldsValue(true)), WorkOrderUpdateSchema, async (update) => {
      const saved = await client.call('workOrders.update', update);
      void message.success(t('workOrderEdit.saved', { number: saved.number }));
      onClose();
    });

  return (
    <Modal
      open
      title={t('workOrderEdit.title', { number: order.number })}
      okText={t('workOrderEdit.save')}
      cancelText={t('workOrderForm.cancel')}
      onOk={() => void save()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
      data-testid="work-order-edit"
    >
      <Form<EditValues>
        form={form}
        layout="vertical"
        size="small"
        initialValues={initialValues(order)}
        onValuesChange={(changed: Record<string, unknown>) => clearIssuesOf(form, changed)}
        onKeyDown={saveOnCtrlEnter(save)}
      >
        <Typography.Paragraph>
          {t('workOrderForm.type')}: <strong>{t(`workOrders.types.${order.type}`)}</strong>
        </Typography.Paragraph>
        <Form.Item name="status" label={t('workOrders.columns.status')}>
          <Select<WorkOrderStatus>
            autoFocus
            aria-label={t('workOrders.columns.status')}
            options={reachable.map((value) => ({
              value,
              label: t(`workOrders.statuses.${value}`),
            }))}
          />
        </Form.Item>
        <WorkOrderTypeFields type={order.type} />
        <WorkOrderDispatchField />
        <Form.Item name="note" label={t('workOrderEdit.note')}>
          <Input.TextArea rows={2} maxLength={4000} aria-label={t('workOrderEdit.note')} />
        </Form.Item>
      </Form>
      {summary.length > 0 && <Alert type="error" role="alert" showIcon title={summary.join(' ')} />}
    </Modal>
  );
}
