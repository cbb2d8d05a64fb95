import { Modal, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { CALL_SHORTCUTS } from './call-shortcuts';

export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('shortcuts.title')}>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={[...CALL_SHORTCUTS]}
        columns={[
          { title: t('shortcuts.key'), dataIndex: 'key', key: 'key' },
          {
            title: t('shortcuts.action'),
            key: 'action',
            render: (_, entry) => t(`shortcuts.actions.${entry.action}`),
          },
        ]}
      />
    </Modal>
  );
}
