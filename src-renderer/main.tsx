import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_LOCALE } from '../src-shared/domain/locale';
import { App } from './app/App';
import { connectToCore } from './contract/client';
import { initI18n } from './i18n/i18n';
import { openRendererReplica } from './replica/renderer-replica';

async function bootstrap(): Promise<void> {
  const client = connectToCore();
  const [preferences, session, replica] = await Promise.all([
    client.call('preferences.get', {}).catch(() => ({ locale: DEFAULT_LOCALE })),
    client.call('session.get', {}).catch(() => ({ user: null })),
    client
      .call('app.getInfo', {})
      .then((info) => (info.replica ? openRendererReplica() : null))
      .catch(() => null),
  ]);
  await initI18n(preferences.locale);
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  createRoot(container).render(
    <StrictMode>
      <App
        client={client}
        replica={replica}
        initialLocale={preferences.locale}
        initialUser={session.user}
      />
    </StrictMode>,
  );
}

void bootstrap();
