import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { VIP_TIERS } from '../../src-shared/domain/customer';
import { CustomerFormSchema, type CustomerFormInput } from '../../src-shared/domain/customer-form';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import { useCore } from '../app/core-context';
import { saveOnCtrlEnter, useCheckedSubmit } from '../work-orders/use-checked-submit';

type FormValues = {
  name?: string;
  phones?: string[];
  emails?: string[];
  accountNumber?: string;
  vipTier?: CustomerFormInput['vipTier'];
  tags?: string[];
  province?: string;
  city?: string;
  district?: string;
  line1?: string;
  postalCode?: string;
};

export type CustomerFormProps = {
  open: boolean;
  /** Edit this customer; without it a new one is created. */
  customer?: CustomerDoc;
  /** A new customer's first number (an unknown caller's). */
  phone?: string;
  /** The call the new customer is linked to. */
  callId?: string;
  onClose: (saved?: { id: string }) => void;
};

/** Create or edit a customer; numbers are normalised to E.164 by the shared schema. */
export function CustomerFormModal({ open, customer, phone, callId, onClose }: CustomerFormProps) {
  const { t } = useTranslation();
  const client = useCore();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { summary, saving, submit } = useCheckedSubmit(form, customerFieldOf);

  // The dialog is mounted for one customer at a time: its first values are its only ones.
  const initialValues: FormValues = customer
    ? {
        name: customer.name,
        phones: [...customer.phones],
        emails: [...customer.emails],
        accountNumber: customer.accountNumber,
        vipTier: customer.vipTier,
        tags: [...customer.tags],
        province: customer.address?.province,
        city: customer.address?.city,
        district: customer.address?.district,
        line1: customer.address?.line1,
        postalCode: customer.address?.postalCode,
      }
    : { phones: phone ? [phone] : [], emails: [], tags: [], vipTier: 'none' };

  const toInput = (values: FormValues): CustomerFormInput => {
    const address = {
      province: values.province,
      city: values.city,
      district: values.district,
      line1: values.line1,
      postalCode: values.postalCode,
    };
    return {
      name: values.name ?? '',
      phones: values.phones ?? [],
      emails: values.emails ?? [],
      accountNumber: values.accountNumber ?? '',
      vipTier: values.vipTier ?? 'none',
      tags: values.tags ?? [],
      ...(Object.values(address).some(Boolean) ? { address } : {}),
    };
  };
  const save = () =>
    submit(toInput(form.getFieldsValue(true)), CustomerFormSchema, async (input) => {
      const saved = customer
        ? await client.call('customers.update', { id: customer.id, customer: input })
        : await client.call('customers.create', {
            customer: input,
            ...(callId ? { callId } : {}),
          });
      void message.success(t('customerForm.saved', { account: saved.accountNumber }));
      onClose({ id: saved.id });
    });

  return (
    <Modal
      open={open}
      title={customer ? t('customerForm.editTitle') : t('customerForm.newTitle')}
      okText={t('customerForm.save')}
      cancelText={t('workOrderForm.cancel')}
      onOk={() => void save()}
      onCancel={() => onClose()}
      confirmLoading={saving}
      destroyOnHidden
      forceRender
      data-testid="customer-form"
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        size="small"
        initialValues={initialValues}
        onKeyDown={saveOnCtrlEnter(save)}
      >
        <Form.Item name="name" label={t('customers.columns.name')} required>
          <Input autoFocus maxLength={200} aria-label={t('customers.columns.name')} />
        </Form.Item>
        <Form.Item
          name="phones"
          label={t('customers.columns.phones')}
          extra={t('customerForm.tagsHint')}
        >
          <Select mode="tags" open={false} aria-label={t('customers.columns.phones')} />
        </Form.Item>
        <Form.Item name="emails" label={t('customerForm.emails')}>
          <Select mode="tags" open={false} aria-label={t('customerForm.emails')} />
        </Form.Item>
        <Form.Item
          name="accountNumber"
          label={t('customers.columns.accountNumber')}
          extra={customer ? undefined : t('customerForm.accountHint')}
        >
          <Input maxLength={40} aria-label={t('customers.columns.accountNumber')} />
        </Form.Item>
        <Form.Item name="vipTier" label={t('customers.columns.vipTier')}>
          <Select
            aria-label={t('customers.columns.vipTier')}
            options={VIP_TIERS.map((value) => ({ value, label: t(`customers.vip.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="tags" label={t('customers.columns.tags')}>
          <Select mode="tags" open={false} aria-label={t('customers.columns.tags')} />
        </Form.Item>
        <Form.Item name="province" label={t('customerForm.province')}>
          <Input maxLength={100} aria-label={t('customerForm.province')} />
        </Form.Item>
        <Form.Item name="city" label={t('customers.columns.city')}>
          <Input maxLength={100} aria-label={t('customers.columns.city')} />
        </Form.Item>
        <Form.Item name="district" label={t('customerForm.district')}>
          <Input maxLength={100} aria-label={t('customerForm.district')} />
        </Form.Item>
        <Form.Item name="line1" label={t('customerForm.line1')}>
          <Input maxLength={200} aria-label={t('customerForm.line1')} />
        </Form.Item>
        <Form.Item name="postalCode" label={t('customerForm.postalCode')}>
          <Input maxLength={20} aria-label={t('customerForm.postalCode')} />
        </Form.Item>
      </Form>
      {summary.length > 0 && <Alert type="error" role="alert" showIcon title={summary.join(' ')} />}
    </Modal>
  );
}

const EMPTY_VALUES: Record<keyof FormValues, true> = {
  name: true,
  phones: true,
  emails: true,
  accountNumber: true,
  vipTier: true,
  tags: true,
  province: true,
  city: true,
  district: true,
  line1: true,
  postalCode: true,
};

function customerFieldOf(path: string): (string | number)[] | null {
  const [head, second] = path.replace(/^customer\./, '').split('.');
  if (head === 'address' && second) return [second];
  return head && head in EMPTY_VALUES ? [head] : null;
}
