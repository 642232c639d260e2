// Sending what the composer holds: a reply (with the collision check) or an internal note.
// What was typed is never lost: a send refused before it leaves keeps the text where it is,
// and one the server refuses (or an undo drops) puts it back in the composer, or in the case's
// draft if the composer has moved on, and says so. Nothing to send is said under the field,
// not only by a greyed button. Once it has left the composer the focus goes to the case's
// thread, so the toast's `z` undoes it instead of typing a "z" into the emptied composer.
import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import { createElement } from 'react';
import type { ComposerMode } from '../state/composer';
import { readDrafts, setComposerText, useComposer, writeDraft } from '../state/composer';
import { useInbox } from '../state/inbox';
import { markSeen, reloadCase, unseenChanges, useOpenCase } from '../state/open-case';
import { useSession } from '../state/session';
import { DOM_IDS, focusById } from '../ui/focus';
import { mutate, whenNotApplied } from '../ui/mutate';

function focusLevel(level: 'case' | 'composer'): void {
  useInbox.setState({ focus: level });
  focusById(level === 'case' ? DOM_IDS.thread : DOM_IDS.composer);
}

/** Puts the words of a reply or note that was not applied back where the user will find them. */
function restoreText(caseId: string, mode: ComposerMode, body: string, refusal?: string): void {
  const now = useComposer.getState();
  if (now.caseId === caseId && now.mode === mode) {
    if (now.text.trim() === '') setComposerText(body);
    else if (!now.text.includes(body)) setComposerText(`${body}\n\n${now.text}`);
  } else {
    const draft = readDrafts(window.localStorage)[caseId]?.[mode] ?? '';
    if (!draft.includes(body)) writeDraft(window.localStorage, caseId, mode, draft.trim() === '' ? body : `${body}\n\n${draft}`);
  }
  if (refusal === undefined) return; // an undo: the toast already said so
  notifications.show({
    color: 'yellow',
    autoClose: 8_000,
    message: createElement('span', { 'data-testid': 'composer-restored' }, i18next.t('composer.restored', { reason: refusal })),
  });
}

export async function send(options: { force?: boolean } = {}): Promise<void> {
  const composer = useComposer.getState();
  const { detail, seenVersion } = useOpenCase.getState();
  const self = useSession.getState().staff;
  if (detail === null || self === null || composer.caseId !== detail.case.id) return;
  const body = composer.text.trim();
  if (body === '') {
    useComposer.setState({ emptyAttempt: true });
    focusLevel('composer');
    return;
  }
  if (composer.mode === 'reply' && options.force !== true) {
    const unseen = unseenChanges(self.id);
    if (unseen.length > 0) {
      const seenCase = seenVersion;
      useComposer.setState({
        collision: {
          unseen: unseen.filter((m) => m.kind !== 'event').length,
          statusChanged: unseen.some((m) => m.kind === 'event' && m.body !== 'assigned' && m.body !== 'unassigned'),
          assigneeChanged: unseen.some((m) => m.body === 'assigned' || m.body === 'unassigned') && seenCase !== null,
        },
      });
      return;
    }
  }
  const caseId = detail.case.id;
  // before the core answers: a `z` pressed right after Ctrl+Enter must find the focus out of the field
  focusLevel('case');
  const mutationId =
    composer.mode === 'reply'
      ? await mutate('case.reply', { caseId, body, final: composer.final, expectedVersion: detail.case.version })
      : await mutate('case.note', { caseId, body });
  if (mutationId === null) {
    focusLevel('composer'); // refused before it left: the text stays for another try
    return;
  }
  const mode = composer.mode;
  // refused by the server or dropped by an undo: the words come back
  whenNotApplied(mutationId, (refusal) => restoreText(caseId, mode, body, refusal));
  useComposer.setState({ collision: null, final: false });
  setComposerText('');
  await reloadCase(caseId);
  markSeen();
}

export function cancelCollision(): void {
  markSeen();
  useComposer.setState({ collision: null });
}
