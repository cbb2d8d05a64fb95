import { Alert, Button, Card, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AgentSnapshot } from '../../src-shared/domain/agent';
import { NOT_READY_REASONS } from '../../src-shared/domain/codes';
import { HeadsetStatusLine } from './HeadsetStatusLine';
import { useShortcutHint } from './shortcut-bindings';
import type { AgentState } from './use-agent';
import { useElapsed } from './use-elapsed';

const STATUS_COLORS: Record<AgentSnapshot['status'], string> = {
  'logged-out': '#595959',
  ready: '#237804',
  'not-ready': '#a8071a',
  offered: '#ad4e00',
  dialing: '#0958d9',
  talking: '#0958d9',
  held: '#ad4e00',
  consulting: '#531dab',
  'wrap-up': '#006d75',
};

export function AgentStateBar({
  snapshot,
  run,
}: Pick<AgentState, 'run'> & { snapshot: AgentSnapshot }) {
  const { t } = useTranslation();
  const elapsed = useElapsed(snapshot.since);
  const busy = snapshot.calls.length > 0 || snapshot.wrapUp !== null;
  // The agent's own keys, remapped or not.
  const readyKey = useShortcutHint('ready');
  const notReadyKey = useShortcutHint('notReady');
  if (!snapshot.telephony) {
    return <Alert type="warning" showIcon title={t('agent.noTelephony')} />;
  }
  return (
    <Card size="small" title={t('agent.stateTitle')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {snapshot.accountProblem && (
          <Alert
            type="warning"
            showIcon
            data-testid="sip-account-problem"
            title={t('agent.accountProblem', { detail: snapshot.accountProblem })}
          />
        )}
        <Space wrap>
          <Tag color={STATUS_COLORS[snapshot.status]} data-testid="agent-status">
            {t(`agent.status.${snapshot.status}`)}
            {snapshot.notReadyReason
              ? ` · ${t(`agent.reasons.${snapshot.notReadyReason}`, snapshot.notReadyReason)}`
              : ''}
          </Tag>
          <Typography.Text aria-label={t('agent.timeInState')}>{elapsed}</Typography.Text>
        </Space>
        <Space wrap>
          <Button
            type="primary"
            disabled={busy || snapshot.status === 'ready'}
            onClick={() => void run('agent.setReady', {})}
          >
            {t('agent.ready')}
            {readyKey}
          </Button>
          <Select<string>
            aria-label={t('agent.notReady')}
            placeholder={`${t('agent.notReady')}${notReadyKey}`}
            disabled={busy}
            value={null}
            style={{ minWidth: 160 }}
            onChange={(reasonCode) => void run('agent.setNotReady', { reasonCode })}
            options={NOT_READY_REASONS.map((reason) => ({
              value: reason,
              label: t(`agent.reasons.${reason}`),
            }))}
          />
        </Space>
        <HeadsetStatusLine />
        {snapshot.engine !== 'up' && (
          <Alert type="error" showIcon title={t(`agent.engine.${snapshot.engine}`)} />
        )}
        {snapshot.engineFailures.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={t('agent.engineFailure', { count: snapshot.engineFailures.length })}
          />
        )}
      </Space>
    </Card>
  );
}
