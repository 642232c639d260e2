// A polite live region that tells a screen reader when new cases arrive in the agent's inbox
// ("3 new cases in the inbox"): the list and the sidebar counts change silently otherwise.
// Counts going down (a case taken, answered) are not news; the first counts after sign-in
// are not either.
import { VisuallyHidden } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format/time';
import { currentLanguage } from '../i18n';
import { useInbox } from '../state/inbox';

export function NewCasesAnnouncer() {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  useEffect(
    () =>
      useInbox.subscribe((now, before) => {
        const was = before.counts.inbox;
        const is = now.counts.inbox;
        if (was === undefined || is === undefined || is <= was) return;
        setMessage(t('live.newCases', { n: formatNumber(is - was, currentLanguage()) }));
      }),
    [t],
  );
  return (
    <VisuallyHidden role="status" aria-live="polite" data-testid="new-cases-announcer">
      {message}
    </VisuallyHidden>
  );
}
