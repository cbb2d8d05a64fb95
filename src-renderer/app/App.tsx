import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useState } from 'react';
import type { Locale } from '../../src-shared/domain/locale';
import type { UserProfile } from '../../src-shared/domain/user';
import type { ContractClient } from '../contract/client';
import { changeLanguage } from '../i18n/i18n';
import { LoginPage } from '../pages/LoginPage';
import { Shell } from './Shell';
import { CoreContext } from './core-context';
import { RxDatabaseProvider } from 'rxdb/plugins/react';
import type { RendererReplica } from '../replica/renderer-replica';
import { ReplicaAvailableContext } from '../replica/replica-context';
import { ServerOnlineContext } from './server-online-context';

const ANTD_LOCALES = { 'zh-CN': zhCN, en: enUS } as const;

/**
 * Ant Design's defaults miss WCAG AA contrast for white text on the primary blue and for
 * secondary text; agents read this screen all day.
 */
const ACCESSIBLE_THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextDescription: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
  },
} as const;

type AppProps = {
  client: ContractClient;
  replica: RendererReplica | null;
  initialLocale: Locale;
  initialUser: UserProfile | null;
};

export function App({ client, replica, initialLocale, initialUser }: AppProps) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [user, setUser] = useState<UserProfile | null>(initialUser);
  const [serverOnline, setServerOnline] = useState(true);

  useEffect(() => {
    const stops = [
      client.on('session.changed', ({ user: next }) => setUser(next)),
      client.on('preferences.changed', ({ locale: next }) => {
        setLocale(next);
        void changeLanguage(next);
      }),
      client.on('connection.changed', ({ server }) => setServerOnline(server === 'online')),
      // Another user's replica is open now: every live query reopens on it.
      client.on('replica.changed', () => window.location.reload()),
    ];
    return () => stops.forEach((stop) => stop());
  }, [client]);

  const chooseLocale = async (next: Locale): Promise<void> => {
    const saved = await client.call('preferences.setLocale', { locale: next });
    setLocale(saved.locale);
    await changeLanguage(saved.locale);
  };

  const screens = (
    <ConfigProvider
      locale={ANTD_LOCALES[locale]}
      componentSize="small"
      theme={ACCESSIBLE_THEME}
      // "登 录" with an inserted space reads badly to screen readers and in tests.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        {user ? (
          <Shell
            user={user}
            locale={locale}
            serverOnline={serverOnline}
            onLocaleChange={chooseLocale}
            onSignedOut={() => setUser(null)}
          />
        ) : (
          <LoginPage locale={locale} onLocaleChange={chooseLocale} onSignedIn={setUser} />
        )}
      </AntApp>
    </ConfigProvider>
  );
  return (
    <CoreContext.Provider value={client}>
      <ServerOnlineContext.Provider value={serverOnline}>
        <ReplicaAvailableContext.Provider value={replica !== null}>
          {replica ? (
            <RxDatabaseProvider database={replica}>{screens}</RxDatabaseProvider>
          ) : (
            screens
          )}
        </ReplicaAvailableContext.Provider>
      </ServerOnlineContext.Provider>
    </CoreContext.Provider>
  );
}
