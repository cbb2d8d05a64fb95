import { Button, Space, Table, Tag, Typography, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCore } from '../app/core-context';
import { errorMessage } from '../app/error-message';
import { useFieldData } from '../technician/use-field-data';

/** A value as the user knows it: text plain, anything else as compact JSON. */
function shown(json: string): string {
  try {
    const value = JSON.parse(json) as unknown;
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object' && 'refused' in value) return String(value.refused);
    return JSON.stringify(value);
  } catch {
    return json;
  }
}

/**
 * The conflict records sync kept: an edit of this desktop that lost to the server's value.
 * For any role: re-apply the local value (it syncs like any edit) or keep the server's.
 */
export function ConflictReview() {
  const { t } = useTranslation();
  const client = useCore();
  const { value, reload } = useFieldData('conflicts.list', {});
  const act = async (command: 'conflicts.reapply' | 'conflicts.dismiss', id: string) => {
    try {
      await client.call(command, { id });
      reload();
    } catch (error) {
      void message.error(errorMessage(t, error));
    }
  };
  return (
    <Table
      data-testid="conflict-review"
      size="small"
      rowKey="id"
      pagination={false}
      locale={{ emptyText: <Typography.Text>{t('conflicts.none')}</Typography.Text> }}
      dataSource={value?.conflicts ?? []}
      columns={[
        { title: t('conflicts.record'), dataIndex: 'label' },
        {
          title: t('conflicts.field'),
          dataIndex: 'field',
          render: (field: string) =>
            field === '*' ? <Tag color="red">{t('conflicts.refused')}</Tag> : field,
        },
        {
          title: t('conflicts.mine'),
          dataIndex: 'local',
          render: (v: string, row) => (row.field === '*' ? '' : shown(v)),
        },
        { title: t('conflicts.theirs'), dataIndex: 'server', render: shown },
        {
          key: 'actions',
          render: (_: unknown, row) => (
            <Space>
              {row.reapplicable && (
                <Button
                  size="small"
                  onClick={() => void act('conflicts.reapply', row.id)}
                  data-testid="conflict-reapply"
                >
                  {t('conflicts.reapply')}
                </Button>
              )}
              <Button size="small" onClick={() => void act('conflicts.dismiss', row.id)}>
                {t('conflicts.dismiss')}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}
