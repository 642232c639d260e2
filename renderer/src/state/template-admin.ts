// `g t`: the reply templates screen's state. Pairs are read from the session's reference data
// (kept current by `reference.changed`); saving and archiving go to the case server through
// the desk core (online only). A supervisor edits their agency's pairs and sees the national
// ones read-only; an admin edits every pair and may make national ones.
import { create } from 'zustand';
import type { CaseKind, Staff, Template } from '../../../shared/domain';
import { CASE_KINDS } from '../../../shared/domain';
import { unknownPlaceholders } from '../../../shared/templates';
import { normalizeForSearch } from '../../../shared/arabic';
import { desk } from '../desk/client';
import { loadReference, useSession } from './session';
import { may, templateScope } from '../../../shared/capabilities';

export type TemplatePairView = {
  /** `<agencyId or national>/<code>`: codes are unique per agency, not across agencies */
  key: string;
  agencyId: string | null;
  code: string;
  kinds: CaseKind[];
  ar: Template | undefined;
  en: Template | undefined;
  usage: number;
};

export type HalfDraft = { title: string; body: string };

export type TemplateDraft = {
  /** null: a new pair */
  previousCode: string | null;
  agencyId: string | null;
  code: string;
  kinds: CaseKind[];
  ar: HalfDraft;
  en: HalfDraft;
  /** a national pair seen by a supervisor: shown, not editable */
  readOnly: boolean;
};

/** Why the draft cannot be saved yet (i18n keys under templatesAdmin.invalid), with params. */
export type DraftProblem = { key: string; params?: Record<string, string> };

type TemplateAdminState = {
  filter: string;
  selectedKey: string | null;
  draft: TemplateDraft | null;
  saving: boolean;
  /** the last refusal, already worded for the UI */
  error: string | null;
};

export const useTemplateAdmin = create<TemplateAdminState>(() => ({ filter: '', selectedKey: null, draft: null, saving: false, error: null }));

export const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Whether the user manages any templates (the capability table the server authorises by). */
export function mayManageTemplates(staff: Staff | null): boolean {
  return may(staff, 'template.save');
}

export function mayEditPair(staff: Staff | null, agencyId: string | null): boolean {
  return templateScope(staff, agencyId).allowed;
}

const pairKey = (agencyId: string | null, code: string) => `${agencyId ?? 'national'}/${code}`;

/** The pairs of the reference data: the agency's own first, then national, by code. */
export function pairsOf(templates: readonly Template[]): TemplatePairView[] {
  const byKey = new Map<string, TemplatePairView>();
  for (const template of templates) {
    const key = pairKey(template.agencyId, template.code);
    const pair = byKey.get(key) ?? { key, agencyId: template.agencyId, code: template.code, kinds: template.kinds, ar: undefined, en: undefined, usage: 0 };
    pair[template.language] = template;
    pair.usage += template.usageCount;
    byKey.set(key, pair);
  }
  return [...byKey.values()].sort((a, b) => Number(a.agencyId === null) - Number(b.agencyId === null) || (a.agencyId ?? '').localeCompare(b.agencyId ?? '') || a.code.localeCompare(b.code));
}

/** Type-ahead over code and both titles, Arabic normalised as search does. */
export function filterPairs(pairs: readonly TemplatePairView[], query: string): TemplatePairView[] {
  const needle = normalizeForSearch(query.trim()).toLowerCase();
  if (needle === '') return [...pairs];
  return pairs.filter((p) => [p.code, p.ar?.title ?? '', p.en?.title ?? '', p.agencyId ?? ''].some((text) => normalizeForSearch(text).toLowerCase().includes(needle)));
}

export function newDraft(staff: Staff | null): TemplateDraft {
  return { previousCode: null, agencyId: staff?.agencyId ?? null, code: '', kinds: [...CASE_KINDS], ar: { title: '', body: '' }, en: { title: '', body: '' }, readOnly: false };
}

export function draftOf(pair: TemplatePairView, staff: Staff | null): TemplateDraft {
  const half = (t: Template | undefined): HalfDraft => ({ title: t?.title ?? '', body: t?.body ?? '' });
  return { previousCode: pair.code, agencyId: pair.agencyId, code: pair.code, kinds: [...pair.kinds], ar: half(pair.ar), en: half(pair.en), readOnly: !mayEditPair(staff, pair.agencyId) };
}

const isEmptyHalf = (half: HalfDraft) => half.title.trim() === '' && half.body.trim() === '';

/** What stops the draft from being saved, first problem first; null when it may be sent. */
export function draftProblem(draft: TemplateDraft): DraftProblem | null {
  if (!CODE_PATTERN.test(draft.code)) return { key: 'code' };
  if (draft.kinds.length === 0) return { key: 'kinds' };
  if (isEmptyHalf(draft.ar) && isEmptyHalf(draft.en)) return { key: 'noHalf' };
  for (const language of ['ar', 'en'] as const) {
    const half = draft[language];
    if (isEmptyHalf(half)) continue;
    if (half.title.trim() === '' || half.body.trim() === '') return { key: language === 'ar' ? 'arIncomplete' : 'enIncomplete' };
    if (half.title.trim().length > 120) return { key: 'titleLong' };
    if (half.body.trim().length > 10_000) return { key: 'bodyLong' };
    const unknown = [...new Set(unknownPlaceholders(half.body))];
    if (unknown.length > 0) return { key: 'placeholders', params: { names: unknown.join(', ') } };
  }
  return null;
}

export function openEditor(draft: TemplateDraft): void {
  useTemplateAdmin.setState({ draft, error: null, saving: false });
}

export function closeEditor(): void {
  useTemplateAdmin.setState({ draft: null, error: null, saving: false });
}

export function updateDraft(patch: Partial<TemplateDraft>): void {
  const { draft } = useTemplateAdmin.getState();
  if (draft !== null) useTemplateAdmin.setState({ draft: { ...draft, ...patch }, error: null });
}

/** Sends the draft; on success the editor closes on the saved pair (reference data is current). */
export async function saveDraft(describe: (error: unknown) => string): Promise<boolean> {
  const { draft, saving } = useTemplateAdmin.getState();
  if (draft === null || saving || draft.readOnly || draftProblem(draft) !== null) return false;
  const half = (h: HalfDraft) => (isEmptyHalf(h) ? null : { title: h.title.trim(), body: h.body.trim() });
  useTemplateAdmin.setState({ saving: true, error: null });
  try {
    await desk()['templates.save']({ agencyId: draft.agencyId, code: draft.code, previousCode: draft.previousCode, kinds: draft.kinds, ar: half(draft.ar), en: half(draft.en) });
    await loadReference();
    useTemplateAdmin.setState({ draft: null, saving: false, selectedKey: pairKey(draft.agencyId, draft.code) });
    return true;
  } catch (error) {
    useTemplateAdmin.setState({ saving: false, error: describe(error) });
    return false;
  }
}

export async function archivePair(pair: Pick<TemplatePairView, 'agencyId' | 'code'>): Promise<void> {
  await desk()['templates.archive']({ agencyId: pair.agencyId, code: pair.code });
  await loadReference();
  const { draft } = useTemplateAdmin.getState();
  if (draft !== null && draft.previousCode === pair.code && draft.agencyId === pair.agencyId) closeEditor();
}

/** The pairs the list shows now: the reference data's, narrowed by the type-ahead filter. */
export function visiblePairs(): TemplatePairView[] {
  const reference = useSession.getState().reference;
  return filterPairs(pairsOf(reference?.templates ?? []), useTemplateAdmin.getState().filter);
}

/** The selected pair, or the first one shown when the selection is gone (archived, filtered out). */
export function selectedPair(pairs: readonly TemplatePairView[] = visiblePairs()): TemplatePairView | undefined {
  const { selectedKey } = useTemplateAdmin.getState();
  return pairs.find((p) => p.key === selectedKey) ?? pairs[0];
}

export function moveTemplateSelection(delta: 1 | -1): void {
  if (useTemplateAdmin.getState().draft !== null) return;
  const pairs = visiblePairs();
  const current = selectedPair(pairs);
  const index = current === undefined ? -1 : pairs.indexOf(current);
  const next = pairs[Math.max(0, Math.min(pairs.length - 1, index + delta))];
  if (next !== undefined) useTemplateAdmin.setState({ selectedKey: next.key });
}

export function setTemplateFilter(filter: string): void {
  useTemplateAdmin.setState({ filter });
  const first = visiblePairs()[0];
  useTemplateAdmin.setState({ selectedKey: first?.key ?? null });
}
