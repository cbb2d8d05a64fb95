import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WrapUpView } from '../../src-shared/domain/agent';
import { DISPOSITIONS } from '../../src-shared/domain/codes';
import type { AgentState } from './use-agent';
import { formatDuration, useNow } from './use-elapsed';

/** After-call work: disposition and notes, then ready or not ready. */
export function WrapUpPanel({ wrapUp, run }: Pick<AgentState, 'run'> & { wrapUp: WrapUpView }) {
  const { t } = useTranslation();
  const [disposition, setDisposition] = useState<string | undefined>();
  const [notes, setNotes] = useState('');
  const remaining = useCountdown(wrapUp.deadline);
  const missing = wrapUp.mode === 'mandatory' && !disposition;
  const finish = (next: 'ready' | 'not-ready') =>
    void run('wrapUp.complete', {
      ...(disposition ? { disposition } : {}),
      notes,
      next:
        next === 'ready'
          ? { status: 'ready' }
          : { status: 'not-ready', reasonCode: 'after_call_work' },
    });
  return (
    <Card size="small" title={t('wrapUp.title')} data-testid="wrap-up">
      <Form layout="vertical">
        <Form.Item label={t('wrapUp.disposition')} required={wrapUp.mode === 'mandatory'}>
          <Select<string>
            id="wrap-up-disposition"
            aria-label={t('wrapUp.disposition')}
            // Typing part of a disposition picks it: wrap-up by keyboard.
            showSearch={{ optionFilterProp: 'label' }}
            value={disposition}
            onChange={setDisposition}
            options={DISPOSITIONS.map((code) => ({
              value: code,
              label: t(`wrapUp.codes.${code}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('wrapUp.notes')}>
          <Input.TextArea
            aria-label={t('wrapUp.notes')}
            rows={3}
            maxLength={4000}
            value={notes}
            onChange={(event) => setNotes(event.target.value)}
          />
        </Form.Item>
      </Form>
      <Space wrap>
        <Button type="primary" disabled={missing} onClick={() => finish('ready')}>
          {t('wrapUp.doneReady')}
        </Button>
        <Button disabled={missing} onClick={() => finish('not-ready')}>
          {t('wrapUp.doneNotReady')}
        </Button>
        {remaining !== null && (
          <Typography.Text type="secondary">
            {t('wrapUp.remaining', { time: formatDuration(remaining) })}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}

function useCountdown(deadline: number | null): number | null {
  const now = useNow(deadline !== null);
  return deadline === null ? null : Math.max(0, deadline - now);
}
