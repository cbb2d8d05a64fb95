import { Alert, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../src-shared/domain/roles';
import { AgentConsole } from '../agent/AgentConsole';
import { CustomerDirectory } from '../components/CustomerDirectory';
import { TechnicianHome } from '../technician/TechnicianHome';

/** Each role lands on its own page; only what works today is shown as working. */
export function RoleHome({ role }: { role: Role }) {
  const { t } = useTranslation();
  const pending = role === 'agent' || role === 'technician' ? null : t(`home.${role}.pending`);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t(`home.${role}.title`)}
      </Typography.Title>
      {pending && <Alert type="info" title={pending} showIcon />}
      {role === 'agent' && <AgentConsole />}
      {(role === 'supervisor' || role === 'admin') && <CustomerDirectory />}
      {role === 'technician' && <TechnicianHome />}
    </Space>
  );
}
