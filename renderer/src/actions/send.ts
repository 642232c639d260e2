// Sending what the composer holds: a reply (with the collision check) or an internal note.
// Nothing to send is said under the field, not only by a greyed button. Once it has left the
// composer the focus goes to the case's thread, so the toast's `z` undoes it instead of typing
// a "z" into the emptied composer; a refusal gives the composer its words and the focus back.
import { useComposer, setComposerText } from '../state/composer';
import { useInbox } from '../state/inbox';
import { markSeen, reloadCase, unseenChanges, useOpenCase } from '../state/open-case';
import { useSession } from '../state/session';
import { DOM_IDS, focusById } from './focus';
import { mutate, whenDroppedByUndo } from './mutate';

function focusLevel(level: 'case' | 'composer'): void {
  useInbox.setState({ focus: level });
  focusById(level === 'case' ? DOM_IDS.thread : DOM_IDS.composer);
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
  // an undone reply never left: its words come back to the composer, if it is still theirs
  whenDroppedByUndo(mutationId, () => {
    const now = useComposer.getState();
    if (now.caseId === caseId && now.mode === mode && now.text.trim() === '') setComposerText(body);
  });
  useComposer.setState({ collision: null, final: false });
  setComposerText('');
  await reloadCase(caseId);
  markSeen();
}

export function cancelCollision(): void {
  markSeen();
  useComposer.setState({ collision: null });
}
