import { Alert, App, Form, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { WORK_ORDER_TYPES, type WorkOrderType } from '../../src-shared/domain/work-order';
import {
  DEFAULT_PRIORITY,
  WorkOrderFormSchema,
  type WorkOrderFormInput,
} from '../../src-shared/domain/work-order-forms';
import { useCore } from '../app/core-context';
import { clearIssuesOf } from './form-issues';
import {
  detailsOf,
  dispatchOf,
  formFieldOf,
  windowOf,
  type WorkOrderFormValues,
} from './form-values';
import { saveOnCtrlEnter, useCheckedSubmit } from './use-checked-submit';
import { WorkOrderDispatchField, WorkOrderTypeFields } from './WorkOrderFields';

export type WorkOrderFormProps = {
  open: boolean;
  customerId: string;
  customerName: string;
  /** The call it is opened from, if any: the interaction will list the order. */
  callId?: string;
  onClose: () => void;
};

/** A new work order for the customer on screen: type first, then that type's own fields. */
export function WorkOrderFormModal({
  open,
  customerId,
  customerName,
  callId,
  onClose,
}: WorkOrderFormProps) {
  const { t } = useTranslation();
  const client = useCore();
  const { message } = App.useApp();
  const [form] = Form.useForm<WorkOrderFormValues>();
  const { summary, saving, submit } = useCheckedSubmit(form, formFieldOf);
  const type = Form.useWatch('type', form);

  const toInput = (values: WorkOrderFormValues): WorkOrderFormInput => {
    const window = windowOf(values);
    // The form is checked by the shared schema as it stands; an unfilled type is refused there.
    return {
      type: values.type,
      customerId,
      priority: values.priority,
      description: values.description ?? '',
      dispatch: dispatchOf(values.dispatch),
      details: detailsOf(values.type, values),
      ...(window ? { window } : {}),
      ...(callId ? { callId } : {}),
    } as WorkOrderFormInput;
  };

  const save = () =>
    submit(toInput(form.getFieldsValue(true)), WorkOrderFormSchema, async (input) => {
      const created = await client.call('workOrders.create', input);
      void message.success(t('workOrderForm.created', { number: created.number }));
      form.resetFields();
      onClose();
    });

  return (
    <Modal
      open={open}
      title={t('workOrderForm.title', { name: customerName })}
      okText={t('workOrderForm.submit')}
      cancelText={t('workOrderForm.cancel')}
      onOk={() => void save()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
      data-testid="work-order-form"
    >
      <Form<WorkOrderFormValues>
        form={form}
        layout="vertical"
        size="small"
        initialValues={{ dispatch: 'none' }}
        onValuesChange={(changed: WorkOrderFormValues) => {
          clearIssuesOf(form, changed);
          if (changed.type) form.setFieldValue('priority', DEFAULT_PRIORITY[changed.type]);
        }}
        onKeyDown={saveOnCtrlEnter(save)}
      >
        <Form.Item name="type" label={t('workOrderForm.type')} required>
          <Select<WorkOrderType>
            autoFocus
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('workOrderForm.type')}
            options={WORK_ORDER_TYPES.map((value) => ({
              value,
              label: t(`workOrders.types.${value}`),
            }))}
          />
        </Form.Item>
        <WorkOrderTypeFields type={type} />
        <WorkOrderDispatchField />
      </Form>
      {summary.length > 0 && <Alert type="error" role="alert" showIcon title={summary.join(' ')} />}
    </Modal>
  );
}
