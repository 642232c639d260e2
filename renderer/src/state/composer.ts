// The composer: reply or note, its text, kept as a draft per case in localStorage so switching
// cases (or reloading) never loses what the agent wrote.
import { create } from 'zustand';

export type ComposerMode = 'reply' | 'note';
type Draft = { reply: string; note: string };

export const DRAFTS_STORAGE_KEY = 'tawasul.drafts';
const MAX_DRAFTS = 200;

type ComposerState = {
  caseId: string | null;
  mode: ComposerMode;
  text: string;
  final: boolean;
  /** a colliding send waits here for "send anyway" or "cancel" */
  collision: { unseen: number; statusChanged: boolean; assigneeChanged: boolean } | null;
  /** Ctrl/Cmd+Enter (or Send) on an empty composer: said under the field until the agent types */
  emptyAttempt: boolean;
};

export const useComposer = create<ComposerState>(() => ({
  caseId: null,
  mode: 'reply',
  text: '',
  final: false,
  collision: null,
  emptyAttempt: false,
}));

export function readDrafts(storage: Pick<Storage, 'getItem'>): Record<string, Draft> {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(DRAFTS_STORAGE_KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, Draft>) : {};
  } catch {
    return {}; // a damaged drafts entry is dropped rather than breaking the composer
  }
}

export function writeDraft(storage: Pick<Storage, 'getItem' | 'setItem'>, caseId: string, mode: ComposerMode, text: string): void {
  const drafts = readDrafts(storage);
  const draft = drafts[caseId] ?? { reply: '', note: '' };
  draft[mode] = text;
  delete drafts[caseId];
  if (draft.reply !== '' || draft.note !== '') drafts[caseId] = draft;
  const ids = Object.keys(drafts);
  for (const old of ids.slice(0, Math.max(0, ids.length - MAX_DRAFTS))) delete drafts[old];
  storage.setItem(DRAFTS_STORAGE_KEY, JSON.stringify(drafts));
}

/**
 * The composer follows the case on screen. Another case starts in reply mode: an internal
 * note meant for one case must not become the mode of the next one opened (its note draft is
 * still there behind `n`).
 */
export function loadComposer(caseId: string | null): void {
  const state = useComposer.getState();
  const mode: ComposerMode = caseId === state.caseId ? state.mode : 'reply';
  const draft = caseId === null ? undefined : readDrafts(window.localStorage)[caseId];
  useComposer.setState({ caseId, mode, text: draft?.[mode] ?? '', final: false, collision: null, emptyAttempt: false });
}

export function setComposerMode(mode: ComposerMode): void {
  const { caseId } = useComposer.getState();
  const draft = caseId === null ? undefined : readDrafts(window.localStorage)[caseId];
  useComposer.setState({ mode, text: draft?.[mode] ?? '', emptyAttempt: false });
}

export function setComposerText(text: string): void {
  const { caseId, mode } = useComposer.getState();
  useComposer.setState({ text, ...(text.trim() === '' ? {} : { emptyAttempt: false }) });
  if (caseId !== null) writeDraft(window.localStorage, caseId, mode, text);
}
