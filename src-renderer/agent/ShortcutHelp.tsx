import { Alert, Button, Modal, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shortcutKeyOf } from '../../src-shared/domain/shortcuts';
import { errorMessage } from '../app/error-message';
import { ALL_SHORTCUTS } from './desk-shortcuts';
import type { ShortcutResolver } from './shortcut-bindings';

/** Every shortcut with its current key; each can be remapped by pressing the new key. */
export function ShortcutHelp({
  open,
  onClose,
  bindings,
}: {
  open: boolean;
  onClose: () => void;
  bindings: ShortcutResolver;
}) {
  const { t } = useTranslation();
  const [listening, setListening] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ type: 'error' | 'success'; text: string } | null>(null);

  useEffect(() => {
    if (!listening) return;
    // Capture phase: the key chosen must not also run its current action.
    const onKey = (event: KeyboardEvent): void => {
      if (['Control', 'Alt', 'Shift', 'Meta'].includes(event.key)) return;
      event.preventDefault();
      event.stopPropagation();
      const action = listening;
      setListening(null);
      if (event.key === 'Escape') return;
      const key = shortcutKeyOf(event);
      if (!key) {
        setNotice({ type: 'error', text: t('shortcuts.badKey') });
        return;
      }
      bindings
        .remap(action, key)
        .then((refused) =>
          setNotice(
            refused
              ? {
                  type: 'error',
                  text: t('shortcuts.conflict', {
                    key,
                    action: t(`shortcuts.actions.${refused.conflict}`),
                  }),
                }
              : {
                  type: 'success',
                  text: t('shortcuts.remapped', { key, action: t(`shortcuts.actions.${action}`) }),
                },
          ),
        )
        .catch((error: unknown) => setNotice({ type: 'error', text: errorMessage(t, error) }));
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [listening, bindings, t]);

  return (
    <Modal
      open={open}
      onCancel={() => {
        setListening(null);
        setNotice(null);
        onClose();
      }}
      footer={null}
      title={t('shortcuts.title')}
      width={620}
      keyboard={listening === null}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('shortcuts.remapHint')}</Typography.Text>
        {notice && <Alert type={notice.type} role="status" showIcon title={notice.text} />}
        <Table
          size="small"
          pagination={false}
          rowKey="action"
          data-testid="shortcut-table"
          dataSource={[...ALL_SHORTCUTS]}
          columns={[
            {
              title: t('shortcuts.key'),
              key: 'key',
              render: (_, entry) => (
                <Typography.Text keyboard>
                  {bindings.keyOf(entry.action) || t('shortcuts.unbound')}
                </Typography.Text>
              ),
            },
            {
              title: t('shortcuts.action'),
              key: 'action',
              render: (_, entry) => t(`shortcuts.actions.${entry.action}`),
            },
            {
              title: t('shortcuts.change'),
              key: 'change',
              render: (_, entry) => (
                <Button
                  size="small"
                  aria-label={t('shortcuts.changeFor', {
                    action: t(`shortcuts.actions.${entry.action}`),
                  })}
                  type={listening === entry.action ? 'primary' : 'default'}
                  onClick={() => {
                    setNotice(null);
                    setListening(entry.action);
                  }}
                >
                  {listening === entry.action ? t('shortcuts.pressKey') : t('shortcuts.change')}
                </Button>
              ),
            },
          ]}
        />
        <Button onClick={() => void bindings.reset().then(() => setNotice(null))}>
          {t('shortcuts.reset')}
        </Button>
      </Space>
    </Modal>
  );
}
