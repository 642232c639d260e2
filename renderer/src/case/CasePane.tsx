// The selected case: facts, thread, composer. It follows the list's selection and stays
// mounted as the selection moves: the next case's detail replaces the previous one in place
// (dimmed meanwhile), so a keypress never rebuilds the header, the thread or the composer.
import { Loader, Text } from '@mantine/core';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DOM_IDS } from '../ui/focus';
import { Composer } from './Composer';
import type { Names } from '../format/event-text';
import { currentLanguage } from '../i18n';
import { followSelection } from '../state/follow-selection';
import { useInbox } from '../state/inbox';
import { useOpenCase } from '../state/open-case';
import { staffName, useSession } from '../state/session';
import { CaseHeader } from './CaseHeader';
import type { Message } from '../../../shared/domain';
import { Thread } from './Thread';

/** The reason the thread's latest outcome event gives, if any (a decline always has one). */
function outcomeReason(messages: readonly Message[]): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m?.kind === 'event' && m.body === 'outcome_set') return m.meta?.reason ?? null;
  }
  return null;
}

export function CasePane() {
  const { t } = useTranslation();
  const focus = useInbox((s) => s.focus);
  const selectedId = useOpenCase((s) => s.caseId);
  const detail = useOpenCase((s) => s.detail);
  const loading = useOpenCase((s) => s.loading);
  const viewers = useOpenCase((s) => s.viewers);
  const reference = useSession((s) => s.reference);
  const self = useSession((s) => s.staff);
  const language = currentLanguage();
  const viewport = useRef<HTMLDivElement>(null);
  /** the agent scrolled up the thread; the next case starts at its latest message again */
  const scrolledAway = useRef(false);

  useEffect(() => followSelection(), []);

  const names: Names = useMemo(
    () => ({
      staff: (id) => staffName(reference, id),
      agency: (id) => reference?.agencies.find((a) => a.id === id),
      language,
    }),
    [reference, language],
  );

  const pane = useRef<HTMLDivElement>(null);
  const shownId = detail?.case.id ?? null;
  // Opening a case moves the focus into it once it is on screen (it may still be loading when
  // Enter is pressed); j/k at this level keep the focus in the case as it changes.
  useEffect(() => {
    if (shownId === null || pane.current === null) return;
    if (focus === 'case' && !pane.current.contains(document.activeElement)) document.getElementById(DOM_IDS.thread)?.focus();
    if (focus === 'composer' && document.activeElement?.id !== DOM_IDS.composer) document.getElementById(DOM_IDS.composer)?.focus();
  }, [focus, shownId]);

  // The thread's scroller is a reversed column, so it rests on the latest message without
  // measuring anything; only a thread the agent scrolled up is put back, when the case changes.
  useEffect(() => {
    const element = viewport.current;
    if (element === null || !scrolledAway.current) return;
    scrolledAway.current = false;
    element.scrollTop = 0;
  }, [shownId]);

  if (detail === null) {
    return (
      <div className="case-pane case-pane-empty" data-testid="case-pane" aria-busy={loading || undefined}>
        {selectedId === null ? (
          <Text c="dimmed">{t('case.none')}</Text>
        ) : loading ? (
          <Loader size="sm" aria-label={t('case.loading')} />
        ) : (
          <Text c="dimmed">{t('errors.not_found')}</Text>
        )}
      </div>
    );
  }
  const stale = detail.case.id !== selectedId;
  const firstCitizen = detail.messages.find((m) => m.kind === 'citizen');
  const bodyInThread = firstCitizen !== undefined && firstCitizen.body === detail.case.body;
  const readOnly = self !== null && self.agencyId !== null && detail.case.agencyId !== self.agencyId;
  return (
    <div
      ref={pane}
      className="case-pane"
      data-testid="case-pane"
      data-case-id={detail.case.id}
      data-version={detail.case.version}
      data-focus={focus}
      data-stale={stale || undefined}
      aria-busy={stale || undefined}
    >
      <CaseHeader value={detail.case} names={names} viewers={viewers} selfId={self?.id ?? ''} outcomeReason={outcomeReason(detail.messages)} />
      <div
        ref={viewport}
        className="thread-scroll"
        onScroll={(e) => {
          scrolledAway.current = e.currentTarget.scrollTop < -1;
        }}
      >
        <div className="thread-content">
          {!bodyInThread && detail.case.body !== '' && (
            <article className="message message-citizen" data-kind="request">
              <Text size="sm" className="message-body" dir="auto">{detail.case.body}</Text>
            </article>
          )}
          <Thread messages={detail.messages} names={names} />
        </div>
      </div>
      {readOnly ? <Text size="sm" c="dimmed" p="sm">{t('case.readOnly')}</Text> : <Composer disabled={false} />}
    </div>
  );
}
