// Sending what the composer holds: a reply (with the collision check) or an internal note.
import { useComposer, setComposerText } from '../state/composer';
import { markSeen, reloadCase, unseenChanges, useOpenCase } from '../state/open-case';
import { useSession } from '../state/session';
import { mutate, whenDroppedByUndo } from './mutate';

export async function send(options: { force?: boolean } = {}): Promise<void> {
  const composer = useComposer.getState();
  const { detail, seenVersion } = useOpenCase.getState();
  const self = useSession.getState().staff;
  if (detail === null || self === null || composer.caseId !== detail.case.id) return;
  const body = composer.text.trim();
  if (body === '') return;
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
  const mutationId =
    composer.mode === 'reply'
      ? await mutate('case.reply', { caseId, body, final: composer.final, expectedVersion: detail.case.version })
      : await mutate('case.note', { caseId, body });
  if (mutationId === null) return; // refused before it left: the text stays for another try
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
