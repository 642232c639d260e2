// The selected case: facts, thread, composer. It follows the list's selection.
import { Loader, ScrollArea, Text } from '@mantine/core';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DOM_IDS } from '../actions/commands';
import { Composer } from '../composer/Composer';
import type { Names } from '../format/event-text';
import { currentLanguage } from '../i18n';
import { useInbox } from '../state/inbox';
import { showCase, useOpenCase } from '../state/open-case';
import { staffName, useSession } from '../state/session';
import { CaseHeader } from './CaseHeader';
import { Thread } from './Thread';

export function CasePane() {
  const { t } = useTranslation();
  const selectedId = useInbox((s) => s.selectedId);
  const focus = useInbox((s) => s.focus);
  const detail = useOpenCase((s) => s.detail);
  const loading = useOpenCase((s) => s.loading);
  const viewers = useOpenCase((s) => s.viewers);
  const reference = useSession((s) => s.reference);
  const self = useSession((s) => s.staff);
  const language = currentLanguage();
  const viewport = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void showCase(selectedId);
  }, [selectedId]);

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

  const messageCount = detail?.messages.length ?? 0;
  useEffect(() => {
    const element = viewport.current;
    if (element !== null) element.scrollTop = element.scrollHeight;
  }, [messageCount, detail?.case.id]);

  if (selectedId === null) {
    return (
      <div className="case-pane case-pane-empty" data-testid="case-pane">
        <Text c="dimmed">{t('case.none')}</Text>
      </div>
    );
  }
  if (detail === null || detail.case.id !== selectedId) {
    return (
      <div className="case-pane case-pane-empty" data-testid="case-pane" aria-busy>
        {loading ? <Loader size="sm" aria-label={t('case.loading')} /> : <Text c="dimmed">{t('errors.not_found')}</Text>}
      </div>
    );
  }
  const firstCitizen = detail.messages.find((m) => m.kind === 'citizen');
  const bodyInThread = firstCitizen !== undefined && firstCitizen.body === detail.case.body;
  const readOnly = self !== null && self.agencyId !== null && detail.case.agencyId !== self.agencyId;
  return (
    <div ref={pane} className="case-pane" data-testid="case-pane" data-case-id={detail.case.id} data-version={detail.case.version} data-focus={focus}>
      <CaseHeader value={detail.case} names={names} viewers={viewers} selfId={self?.id ?? ''} />
      <ScrollArea className="thread-scroll" viewportRef={viewport} type="auto">
        {!bodyInThread && detail.case.body !== '' && (
          <article className="message message-citizen" data-kind="request">
            <Text size="sm" className="message-body" dir="auto">{detail.case.body}</Text>
          </article>
        )}
        <Thread messages={detail.messages} names={names} />
      </ScrollArea>
      {readOnly ? <Text size="sm" c="dimmed" p="sm">{t('case.readOnly')}</Text> : <Composer caseId={detail.case.id} disabled={false} />}
    </div>
  );
}
