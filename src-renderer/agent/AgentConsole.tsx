import { App, Col, Row, Space } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../app/error-message';
import { CustomerDirectory } from '../components/CustomerDirectory';
import { ReferenceLookup } from '../reference/ReferenceLookup';
import { AgentStateBar } from './AgentStateBar';
import { useCallShortcuts } from './call-shortcuts';
import { ScreenPopCard } from './ScreenPopCard';
import { ShortcutHelp } from './ShortcutHelp';
import { SoftphonePanel } from './SoftphonePanel';
import { useAgent } from './use-agent';
import { WrapUpPanel } from './WrapUpPanel';

/** The screen an agent lives in: state and softphone on the left, the caller on the right. */
export function AgentConsole() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useCallback(
    (error: unknown) => void message.error(errorMessage(t, error)),
    [message, t],
  );
  const { snapshot, pops, run } = useAgent(onError);
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  useCallShortcuts(snapshot, run, openHelp);
  // The caller stays on screen through wrap-up, while the agent writes notes about him.
  const focusedCallId =
    snapshot?.calls.find((entry) => entry.role === 'primary')?.callId ?? snapshot?.wrapUp?.callId;
  const pop = focusedCallId ? pops.get(focusedCallId) : undefined;
  return (
    <Row gutter={[12, 12]}>
      <Col flex="360px">
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
          {pop && <ScreenPopCard pop={pop} />}
          <CustomerDirectory />
        </Space>
      </Col>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </Row>
  );
}
