import { Alert, App, DatePicker, Form, Input, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WORK_ORDER_TYPES, type WorkOrderType } from '../../src-shared/domain/work-order';
import {
  DEFAULT_PRIORITY,
  WorkOrderFormSchema,
  type WorkOrderFormInput,
} from '../../src-shared/domain/work-order-forms';
import { useCore } from '../app/core-context';
import { errorMessage } from '../app/error-message';
import { useLocale } from '../i18n/use-locale';
import { issuesOf, showIssues, zodIssues, type Issue } from './form-issues';
import { useDispatchTargets } from './use-dispatch-targets';
import { WINDOW_TYPES, WORK_ORDER_FIELDS } from './work-order-fields';

type Moment = { valueOf(): number } | null;
type FormValues = {
  type?: WorkOrderType;
  priority?: number;
  description?: string;
  dispatch?: string;
  window?: [Moment, Moment] | null;
  details?: Record<string, string | boolean | undefined>;
};

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
  const locale = useLocale();
  const client = useCore();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [summary, setSummary] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const { targets } = useDispatchTargets(locale);
  const type = Form.useWatch('type', form);
  const fields = type ? WORK_ORDER_FIELDS[type] : [];

  const toInput = (values: FormValues): WorkOrderFormInput => {
    const [start, end] = values.window ?? [];
    const [kind, key] = (values.dispatch ?? 'none').split(/:(.*)/s);
    const dispatch =
      kind === 'technician'
        ? { kind: 'technician' as const, assigneeId: key ?? '' }
        : kind === 'queue'
          ? { kind: 'queue' as const, queueId: key ?? '' }
          : { kind: 'none' as const };
    const details: Record<string, string | boolean> = {};
    for (const field of fields) {
      const value = values.details?.[field.name];
      if (field.kind === 'flag') details[field.name] = value === true;
      else if (typeof value === 'string' && value.trim() !== '') details[field.name] = value;
    }
    // The form is checked by the shared schema as it stands; an unfilled type is refused there.
    return {
      type: values.type,
      customerId,
      priority: values.priority,
      description: values.description ?? '',
      dispatch,
      details,
      ...(start && end ? { window: { start: start.valueOf(), end: end.valueOf() } } : {}),
      ...(callId ? { callId } : {}),
    } as WorkOrderFormInput;
  };

  const fieldOf = (path: string): (string | number)[] | null => {
    const [head, second] = path.split('.');
    if (head === 'details' && second) return ['details', second];
    if (head && ['type', 'priority', 'description', 'dispatch', 'window'].includes(head)) {
      return [head];
    }
    return null;
  };

  const place = (issues: Issue[]) => setSummary(showIssues(form, t, issues, fieldOf));

  const submit = async (): Promise<void> => {
    setSummary([]);
    const input = toInput(form.getFieldsValue(true));
    const checked = WorkOrderFormSchema.safeParse(input);
    if (!checked.success) {
      place(zodIssues(checked.error));
      return;
    }
    setSaving(true);
    try {
      const created = await client.call('workOrders.create', input);
      void message.success(t('workOrderForm.created', { number: created.number }));
      form.resetFields();
      onClose();
    } catch (error) {
      const issues = issuesOf(error);
      if (issues) place(issues);
      else setSummary([errorMessage(t, error)]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('workOrderForm.title', { name: customerName })}
      okText={t('workOrderForm.submit')}
      cancelText={t('workOrderForm.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
      data-testid="work-order-form"
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        size="small"
        initialValues={{ dispatch: 'none' }}
        onValuesChange={(changed: FormValues) => {
          if (changed.type) form.setFieldValue('priority', DEFAULT_PRIORITY[changed.type]);
        }}
        // Ctrl+Enter saves from any field, the text areas included.
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.ctrlKey) {
            event.preventDefault();
            void submit();
          }
        }}
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
        {fields.map((field) => (
          <Form.Item
            key={`${type}-${field.name}`}
            name={['details', field.name]}
            label={t(`workOrderForm.fields.${field.name}`)}
            required={field.kind === 'choice' || (field.kind !== 'flag' && field.required)}
            valuePropName={field.kind === 'flag' ? 'checked' : 'value'}
            initialValue={field.kind === 'flag' ? false : undefined}
          >
            {field.kind === 'choice' ? (
              <Select
                aria-label={t(`workOrderForm.fields.${field.name}`)}
                showSearch={{ optionFilterProp: 'label' }}
                options={field.options.map((value) => ({
                  value,
                  label: t(`workOrderForm.options.${field.name}.${value}`),
                }))}
              />
            ) : field.kind === 'flag' ? (
              <Switch aria-label={t(`workOrderForm.fields.${field.name}`)} />
            ) : field.kind === 'textarea' ? (
              <Input.TextArea
                rows={2}
                maxLength={1000}
                aria-label={t(`workOrderForm.fields.${field.name}`)}
              />
            ) : (
              <Input maxLength={500} aria-label={t(`workOrderForm.fields.${field.name}`)} />
            )}
          </Form.Item>
        ))}
        <Form.Item name="description" label={t('workOrderForm.description')} required>
          <Input.TextArea rows={3} maxLength={10_000} aria-label={t('workOrderForm.description')} />
        </Form.Item>
        <Form.Item name="priority" label={t('workOrderForm.priority')} required>
          <Select<number>
            aria-label={t('workOrderForm.priority')}
            options={[1, 2, 3, 4, 5].map((value) => ({
              value,
              label: t(`workOrders.priorities.${value}`),
            }))}
          />
        </Form.Item>
        {type && WINDOW_TYPES.includes(type) && (
          <Form.Item
            name="window"
            label={t('workOrderForm.window')}
            required={type === 'appointment'}
          >
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm', minuteStep: 15 }}
              format="YYYY-MM-DD HH:mm"
              aria-label={t('workOrderForm.window')}
            />
          </Form.Item>
        )}
        <Form.Item
          name="dispatch"
          label={t('workOrderForm.dispatch')}
          extra={targets.length === 0 ? t('workOrderForm.noTargets') : undefined}
        >
          <Select<string>
            aria-label={t('workOrderForm.dispatch')}
            showSearch={{ optionFilterProp: 'label' }}
            options={[
              { value: 'none', label: t('workOrderForm.notDispatched') },
              ...targets.map((target) => ({
                value: target.value,
                label: `${t(`workOrderForm.targetKinds.${target.kind}`)}: ${target.label}`,
              })),
            ]}
          />
        </Form.Item>
      </Form>
      {summary.length > 0 && <Alert type="error" role="alert" showIcon title={summary.join(' ')} />}
    </Modal>
  );
}
