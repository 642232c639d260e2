// Start-up: pick the transport, build the DeskApi client, load the language, render.
import './zod-config';
import '@fontsource/ibm-plex-sans-arabic/400.css';
import '@fontsource/ibm-plex-sans-arabic/600.css';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import '@mantine/charts/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createDeskClient } from '../../shared/desk-bridge';
import { App } from './app/App';
import { connectLive } from './app/live';
import { setDesk } from './desk/client';
import { chooseTransport } from './desk/transport';
import { initI18n } from './i18n';
import { startSession, useSession } from './state/session';

async function start(): Promise<void> {
  const language = await initI18n();
  setDesk(createDeskClient(chooseTransport((host) => useSession.setState({ host }))));
  connectLive();
  const root = document.getElementById('root');
  if (root === null) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App initialLanguage={language} />
    </StrictMode>,
  );
  await startSession();
}

void start().catch((error: unknown) => {
  // Nothing else can report it: the UI may not exist yet.
  useSession.setState({ phase: 'login' });
  document.documentElement.dataset.startError = error instanceof Error ? error.message : String(error);
});
