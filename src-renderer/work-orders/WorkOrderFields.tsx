import { DatePicker, Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkOrderType } from '../../src-shared/domain/work-order';
import { useLocale } from '../i18n/use-locale';
import { useDispatchTargets } from './use-dispatch-targets';
import { WINDOW_TYPES, WORK_ORDER_FIELDS } from './work-order-fields';

/** The form items of a type's own fields, then description, priority and visit window. */
export function WorkOrderTypeFields({ type }: { type: WorkOrderType | undefined }) {
  const { t } = useTranslation();
  const fields = type ? WORK_ORDER_FIELDS[type] : [];
  return (
    <>
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
    </>
  );
}

/** Where the order goes: nobody, a field technician or a back-office queue (from reference data). */
export function WorkOrderDispatchField() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { targets } = useDispatchTargets(locale);
  return (
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
  );
}
