import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../src-shared/domain/locale';
import type { UserProfile } from '../../src-shared/domain/user';
import { useCore } from '../app/core-context';
import { errorMessage } from '../app/error-message';
import { LanguageSwitch } from '../components/LanguageSwitch';

type LoginPageProps = {
  locale: Locale;
  onLocaleChange: (locale: Locale) => Promise<void>;
  onSignedIn: (user: UserProfile) => void;
};

type LoginFields = { tenant: string; username: string; password: string };

export function LoginPage({ locale, onLocaleChange, onSignedIn }: LoginPageProps) {
  const { t } = useTranslation();
  const client = useCore();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (fields: LoginFields): Promise<void> => {
    setBusy(true);
    setFailure(null);
    try {
      const { user } = await client.call('session.login', fields);
      onSignedIn(user);
    } catch (error) {
      setFailure(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => [{ required: true, message: t('login.required', { field }) }];

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16 }}>
      <Card style={{ width: 380 }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('app.name')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
            </div>
            <LanguageSwitch locale={locale} onChange={onLocaleChange} />
          </Space>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('login.title')}
          </Typography.Title>
          {failure && <Alert type="error" role="alert" title={failure} showIcon />}
          <Form<LoginFields>
            layout="vertical"
            initialValues={{ tenant: 'demo' }}
            onFinish={(fields) => void submit(fields)}
            requiredMark={false}
          >
            <Form.Item name="tenant" label={t('login.tenant')} rules={required(t('login.tenant'))}>
              <Input autoComplete="organization" />
            </Form.Item>
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={required(t('login.username'))}
            >
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={required(t('login.password'))}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('login.demoHint')}
          </Typography.Text>
        </Space>
      </Card>
    </main>
  );
}
