import { Badge, Button, Layout, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../src-shared/domain/locale';
import type { UserProfile } from '../../src-shared/domain/user';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { SyncBadge } from '../components/SyncBadge';
import { RoleHome } from '../pages/RoleHome';
import { useCore } from './core-context';

type ShellProps = {
  user: UserProfile;
  locale: Locale;
  serverOnline: boolean;
  onLocaleChange: (locale: Locale) => Promise<void>;
  onSignedOut: () => void;
};

export function Shell({ user, locale, serverOnline, onLocaleChange, onSignedOut }: ShellProps) {
  const { t } = useTranslation();
  const client = useCore();
  const signOut = async (): Promise<void> => {
    await client.call('session.logout', {});
    onSignedOut();
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16 }}
        role="banner"
      >
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          {t('app.name')}
        </Typography.Title>
        <Tag color="blue">{user.tenantName}</Tag>
        <span style={{ flex: 1 }} />
        <Space size="middle">
          <SyncBadge />
          <Badge
            status={serverOnline ? 'success' : 'error'}
            text={
              <span style={{ color: '#fff' }}>
                {serverOnline ? t('shell.serverOnline') : t('shell.serverOffline')}
              </span>
            }
          />
          <span style={{ color: '#fff' }} data-testid="signed-in-user">
            {t('shell.signedInAs', { name: user.displayName })} · {t(`shell.roles.${user.role}`)}
          </span>
          <LanguageSwitch locale={locale} onChange={onLocaleChange} />
          <Button onClick={() => void signOut()}>{t('shell.signOut')}</Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }} role="main">
        <RoleHome role={user.role} />
      </Layout.Content>
    </Layout>
  );
}
