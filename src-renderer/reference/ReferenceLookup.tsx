import { Alert, Button, Drawer, Space, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_SHORTCUTS } from '../agent/call-shortcuts';
import { useReplicaAvailable } from '../replica/replica-context';
import { ReferenceResults } from './ReferenceResults';

const LOOKUP_KEY = CALL_SHORTCUTS.find((entry) => entry.action === 'referenceLookup')!.key;

/**
 * The reference lookup an agent searches during a call (products, fees, policies,
 * departments), opened by its function key or the button; read from the replica, so it
 * works offline.
 */
export function ReferenceLookup() {
  const { t } = useTranslation();
  const available = useReplicaAvailable();
  const [open, setOpen] = useState(false);
  const inputRef = useRef<InputRef>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== LOOKUP_KEY || event.ctrlKey || event.altKey || event.metaKey) return;
      event.preventDefault();
      setOpen(true);
      // Already open: F9 goes back to the search field.
      inputRef.current?.focus({ cursor: 'all' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <Button
        onClick={() => setOpen(true)}
        aria-keyshortcuts={LOOKUP_KEY}
        data-testid="reference-lookup-open"
      >
        {`${t('reference.open')} (${LOOKUP_KEY})`}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('reference.title')}
        size={560}
        afterOpenChange={(visible) => visible && inputRef.current?.focus({ cursor: 'all' })}
        data-testid="reference-lookup"
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          {available ? (
            <ReferenceResults inputRef={inputRef} />
          ) : (
            <Alert type="info" showIcon message={t('reference.unavailable')} />
          )}
        </Space>
      </Drawer>
    </>
  );
}
