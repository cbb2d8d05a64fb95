import { Button, Card, Descriptions, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/use-locale';
import type { AgentSnapshot, CallView } from '../../src-shared/domain/agent';
import { formatPhone } from '../format/format';
import type { AgentState } from './use-agent';
import { useElapsed } from './use-elapsed';
import { useShortcutHint } from './shortcut-bindings';
import { TransferDialog } from './TransferDialog';

const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

type SoftphoneProps = Pick<AgentState, 'run'> & { snapshot: AgentSnapshot };

export function SoftphonePanel({ snapshot, run }: SoftphoneProps) {
  const { t } = useTranslation();
  const primary = snapshot.calls.find((call) => call.role === 'primary') ?? snapshot.calls[0];
  const consult = snapshot.calls.find((call) => call.role === 'consult');
  return (
    <Card size="small" title={t('softphone.title')}>
      {primary ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <CallSummary call={primary} />
          {consult && <CallSummary call={consult} consult />}
          <CallControls snapshot={snapshot} primary={primary} consult={consult} run={run} />
        </Space>
      ) : (
        <DialBox disabled={!snapshot.telephony || snapshot.wrapUp !== null} run={run} />
      )}
    </Card>
  );
}

function CallSummary({ call, consult = false }: { call: CallView; consult?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const elapsed = useElapsed(call.answeredAt ?? call.startedAt);
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={consult ? t('softphone.expert') : t('softphone.peer')}>
        <Typography.Text strong data-testid={consult ? 'consult-peer' : 'call-peer'}>
          {call.peerName ? `${call.peerName} · ` : ''}
          {formatPhone(call.peerNumber, locale)}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('softphone.phase')}>
        <span data-testid={consult ? 'consult-phase' : 'call-phase'}>
          {t(`softphone.phases.${call.phase}`)}
          {call.muted ? ` · ${t('softphone.muted')}` : ''}
        </span>{' '}
        <Typography.Text type="secondary">{elapsed}</Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}

type ControlsProps = SoftphoneProps & { primary: CallView; consult: CallView | undefined };

function CallControls({ primary, consult, run }: ControlsProps) {
  const { t } = useTranslation();
  const [transferOpen, setTransferOpen] = useState(false);
  const keys = {
    answer: useShortcutHint('answer'),
    reject: useShortcutHint('reject'),
    hangUp: useShortcutHint('hangUp'),
    hold: useShortcutHint('holdToggle'),
    mute: useShortcutHint('muteToggle'),
  };
  if (
    primary.phase === 'offered' ||
    (primary.direction === 'inbound' && primary.phase === 'ringing')
  ) {
    return (
      <Space wrap>
        <Button type="primary" onClick={() => void run('call.answer', {})}>
          {t('softphone.answer')}
          {keys.answer}
        </Button>
        <Button danger onClick={() => void run('call.reject', {})}>
          {t('softphone.reject')}
          {keys.reject}
        </Button>
      </Space>
    );
  }
  if (consult) {
    return (
      <Space wrap>
        <Button type="primary" onClick={() => void run('call.completeConsult', {})}>
          {t('softphone.completeTransfer')}
        </Button>
        <Button onClick={() => void run('call.returnFromConsult', {})}>
          {t('softphone.returnToCustomer')}
        </Button>
      </Space>
    );
  }
  const held = primary.phase === 'held';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button onClick={() => void run(held ? 'call.retrieve' : 'call.hold', {})}>
          {held ? t('softphone.retrieve') : t('softphone.hold')}
          {keys.hold}
        </Button>
        <Button
          aria-pressed={primary.muted}
          onClick={() => void run('call.setMuted', { muted: !primary.muted })}
        >
          {primary.muted ? t('softphone.unmute') : t('softphone.mute')}
          {keys.mute}
        </Button>
        <Button danger type="primary" onClick={() => void run('call.hangUp', {})}>
          {t('softphone.hangUp')}
          {keys.hangUp}
        </Button>
      </Space>
      {!held && (
        <Space wrap aria-label={t('softphone.dialpad')} role="group">
          {DTMF_KEYS.map((digit) => (
            <Button key={digit} onClick={() => void run('call.sendDtmf', { digits: digit })}>
              {digit}
            </Button>
          ))}
        </Space>
      )}
      <Button onClick={() => setTransferOpen(true)}>{t('transfer.open')}</Button>
      <TransferDialog
        open={transferOpen}
        onClose={() => setTransferOpen(false)}
        onTransfer={(target) => void run('call.blindTransfer', { target })}
        onConsult={(target) => void run('call.startConsult', { target })}
      />
    </Space>
  );
}

function DialBox({ disabled, run }: Pick<AgentState, 'run'> & { disabled: boolean }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState('');
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        aria-label={t('softphone.dialTarget')}
        placeholder={t('softphone.dialTarget')}
        value={target}
        disabled={disabled}
        onChange={(event) => setTarget(event.target.value)}
        onPressEnter={() => target && void run('call.dial', { target })}
      />
      <Button
        type="primary"
        disabled={disabled || !target}
        onClick={() => void run('call.dial', { target })}
      >
        {t('softphone.dial')}
      </Button>
    </Space.Compact>
  );
}
