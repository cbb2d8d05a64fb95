import {
  Alert,
  Button,
  Card,
  Descriptions,
  Input,
  InputNumber,
  Modal,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  Upload,
  message,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldOrderSummary } from '../../src-shared/contract/field-work';
import { WORK_ORDER_STATUSES, type WorkOrderStatus } from '../../src-shared/domain/work-order';
import { useCore } from '../app/core-context';
import { errorMessage } from '../app/error-message';
import { formatDateTime } from '../format/format';
import { useLocale } from '../i18n/use-locale';
import { scaleImage, uploadAttachment, type AttachmentType } from './attachment-upload';
import { SignaturePad } from './SignaturePad';
import { useFieldData } from './use-field-data';

const time = (ms: number, locale: ReturnType<typeof useLocale>) =>
  ms ? formatDateTime(new Date(ms).toISOString(), locale) : '—';

/** One work order in the field: status actions, notes, parts, time, photos, signature. */
export function WorkOrderPage({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useCore();
  const { value: order, error } = useFieldData('fieldWork.get', { id });
  const [busy, setBusy] = useState(false);
  const [reasonOpen, setReasonOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [part, setPart] = useState('');
  const [quantity, setQuantity] = useState<number | null>(1);
  const [minutes, setMinutes] = useState<number | null>(null);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
      void message.success(t('field.saved'));
      return true;
    } catch (failure) {
      void message.error(errorMessage(t, failure));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const move = (to: WorkOrderStatus) =>
    to === 'could_not_complete'
      ? setReasonOpen(true)
      : void run(() => client.call('fieldWork.setStatus', { id, to }));
  const attach = (file: File, kind: 'photo' | 'file') =>
    void run(async () => {
      const isImage = file.type.startsWith('image/');
      const blob = isImage ? await scaleImage(file) : file;
      const type = (isImage ? 'image/jpeg' : file.type) as AttachmentType;
      await uploadAttachment(client, id, isImage ? kind : 'file', blob, type);
    });

  const statusLabel = (value: string) =>
    (WORK_ORDER_STATUSES as readonly string[]).includes(value) ? t(`field.status.${value}`) : value;
  if (error) return <Alert type="error" title={errorMessage(t, error)} showIcon />;
  if (!order) return null;
  const signed = order.attachments.some((a) => a.kind === 'signature');
  const totalMinutes = order.timeSpent.reduce((n, e) => n + e.minutes, 0);

  return (
    <Space
      direction="vertical"
      size="middle"
      style={{ width: '100%' }}
      data-testid="work-order-page"
    >
      <Button onClick={onBack}>{t('field.back')}</Button>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {order.number} <Tag data-testid="order-status">{t(`field.status.${order.status}`)}</Tag>
        {order.unsynced && <Tag color="orange">{t('field.unsynced')}</Tag>}
      </Typography.Title>
      <OrderFacts order={order} />
      <Card size="small" title={t('field.statusActions')}>
        <Space wrap>
          {order.nextStatuses.map((to) => (
            <Button
              key={to}
              disabled={busy}
              danger={to === 'could_not_complete'}
              type={to === 'resolved' ? 'primary' : 'default'}
              onClick={() => move(to)}
              data-testid={`status-${to}`}
            >
              {t(`field.action.${to}`)}
            </Button>
          ))}
        </Space>
        {order.couldNotCompleteReason && (
          <Typography.Paragraph>
            {t('field.couldNotCompleteReason', { reason: order.couldNotCompleteReason })}
          </Typography.Paragraph>
        )}
      </Card>
      <Modal
        open={reasonOpen}
        title={t('field.reasonTitle')}
        okButtonProps={{ disabled: !reason.trim(), loading: busy }}
        onCancel={() => setReasonOpen(false)}
        onOk={async () => {
          const to = 'could_not_complete' as const;
          if (
            await run(() => client.call('fieldWork.setStatus', { id, to, reason: reason.trim() }))
          ) {
            setReasonOpen(false);
            setReason('');
          }
        }}
      >
        <Input.TextArea
          aria-label={t('field.reasonLabel')}
          value={reason}
          maxLength={2000}
          onChange={(event) => setReason(event.target.value)}
          data-testid="reason-input"
        />
      </Modal>
      <Card size="small" title={t('field.notes')}>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            aria-label={t('field.notes')}
            placeholder={t('field.notePlaceholder')}
            value={note}
            maxLength={4000}
            onChange={(event) => setNote(event.target.value)}
            data-testid="note-input"
          />
          <Button
            disabled={!note.trim() || busy}
            data-testid="note-add"
            onClick={async () => {
              if (await run(() => client.call('fieldWork.addNote', { id, note: note.trim() })))
                setNote('');
            }}
          >
            {t('field.addNote')}
          </Button>
        </Space.Compact>
      </Card>
      <Card size="small" title={t('field.parts')}>
        <Space wrap>
          <Input
            aria-label={t('field.part')}
            placeholder={t('field.part')}
            value={part}
            maxLength={200}
            onChange={(e) => setPart(e.target.value)}
            data-testid="part-input"
          />
          <InputNumber
            aria-label={t('field.quantity')}
            min={1}
            max={10000}
            value={quantity}
            onChange={setQuantity}
          />
          <Button
            disabled={!part.trim() || !quantity || busy}
            data-testid="part-add"
            onClick={async () => {
              if (
                await run(() =>
                  client.call('fieldWork.addPart', {
                    id,
                    part: part.trim(),
                    quantity: quantity ?? 1,
                  }),
                )
              )
                setPart('');
            }}
          >
            {t('field.addPart')}
          </Button>
        </Space>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={order.partsUsed}
          columns={[
            { title: t('field.part'), dataIndex: 'part' },
            { title: t('field.quantity'), dataIndex: 'quantity' },
            {
              title: t('field.recordedAt'),
              dataIndex: 'at',
              render: (at: number) => time(at, locale),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={`${t('field.time')} · ${t('field.totalMinutes', { count: totalMinutes })}`}
      >
        <Space>
          <InputNumber
            aria-label={t('field.minutes')}
            placeholder={t('field.minutes')}
            min={1}
            max={1440}
            value={minutes}
            onChange={setMinutes}
            data-testid="minutes-input"
          />
          <Button
            disabled={!minutes || busy}
            data-testid="time-add"
            onClick={async () => {
              if (await run(() => client.call('fieldWork.addTime', { id, minutes: minutes ?? 0 })))
                setMinutes(null);
            }}
          >
            {t('field.addTime')}
          </Button>
        </Space>
      </Card>
      <Card size="small" title={t('field.attachments')}>
        <Space wrap>
          <Upload
            accept="image/*"
            showUploadList={false}
            beforeUpload={(file) => (attach(file, 'photo'), false)}
          >
            <Button disabled={busy} data-testid="photo-add">
              {t('field.addPhoto')}
            </Button>
          </Upload>
          <Upload
            accept="image/*,application/pdf,text/plain"
            showUploadList={false}
            beforeUpload={(file) => (attach(file, 'file'), false)}
          >
            <Button disabled={busy}>{t('field.addFile')}</Button>
          </Upload>
        </Space>
        {order.attachments.length === 0 ? (
          <Typography.Paragraph type="secondary">{t('field.noAttachments')}</Typography.Paragraph>
        ) : (
          <ul data-testid="attachment-list">
            {order.attachments.map((a) => (
              <li key={a.id}>
                {a.kind} · {a.type} · {Math.ceil(a.length / 1024)} KiB
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card
        size="small"
        title={t('field.signature')}
        extra={signed ? <Tag color="green">{t('field.signed')}</Tag> : null}
      >
        <SignaturePad
          busy={busy}
          onSave={(png) =>
            void run(() => uploadAttachment(client, id, 'signature', png, 'image/png'))
          }
        />
      </Card>
      <Card size="small" title={t('field.history')}>
        {order.history.length === 0 ? (
          <Typography.Text type="secondary">{t('field.noHistory')}</Typography.Text>
        ) : (
          <Timeline
            items={order.history.map((entry, i) => ({
              key: i,
              content: `${time(entry.at, locale)} · ${entry.action}${entry.to ? ` → ${statusLabel(entry.to)}` : ''}${entry.note ? ` · ${entry.note}` : ''}`,
            }))}
          />
        )}
      </Card>
    </Space>
  );
}

export function OrderFacts({ order }: { order: FieldOrderSummary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t('field.customer')}>
        {order.customer ? (
          <Space direction="vertical" size={0}>
            <span>{order.customer.name}</span>
            {order.customer.phones.map((phone) => (
              <span key={phone}>{phone}</span>
            ))}
          </Space>
        ) : (
          '—'
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.address')}>
        {order.address || '—'}{' '}
        {order.mapUrl && (
          // Opens in the system browser through the core's external-link check (https: only).
          <a href={order.mapUrl} target="_blank" rel="noopener noreferrer" data-testid="map-link">
            {t('field.map')}
          </a>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.appointment')}>
        {time(order.appointmentStart, locale)} – {time(order.appointmentEnd, locale)}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.description')}>
        {order.description || '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}
