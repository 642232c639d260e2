import { Center, DirectionProvider, Loader, MantineProvider, useDirection } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { desk } from '../desk/client';
import { directionOf } from '../i18n';
import { InboxScreen } from './InboxScreen';
import { LoginScreen } from '../login/LoginScreen';
import { useSession } from '../state/session';
import { cssVariablesResolver, deskTheme } from './theme';

/** Follows the UI language with Mantine's direction (html dir is set by i18n), and tells the core. */
function DirectionSync() {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  useEffect(() => {
    const apply = (name: string) => {
      const language: Language = name === 'ar' ? 'ar' : 'en';
      setDirection(directionOf(language));
      // the core words OS notifications in it; a desk that cannot be told keeps the last one
      desk()['ui.language']({ language }).catch(() => undefined);
    };
    apply(i18n.language);
    i18n.on('languageChanged', apply);
    return () => i18n.off('languageChanged', apply);
  }, [i18n, setDirection]);
  return null;
}

function Screens() {
  const phase = useSession((s) => s.phase);
  const { t } = useTranslation();
  if (phase === 'starting') {
    return (
      <Center h="100vh">
        <Loader size="sm" aria-label={t('app.loading')} />
      </Center>
    );
  }
  return phase === 'login' ? <LoginScreen /> : <InboxScreen />;
}

export function App({ initialLanguage }: { initialLanguage: Language }) {
  const { t } = useTranslation();
  const closeLabel = t('app.close');
  const theme = useMemo(() => deskTheme(closeLabel), [closeLabel]);
  return (
    <DirectionProvider initialDirection={directionOf(initialLanguage)} detectDirection={false}>
      {/* the OS's light or dark preference, followed live: long shifts in a dim room */}
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
        <DirectionSync />
        <Notifications position="bottom-right" limit={4} />
        <Screens />
      </MantineProvider>
    </DirectionProvider>
  );
}
