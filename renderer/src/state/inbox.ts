// The inbox: which view is shown, its pager (or search results), the selection the keyboard
// moves, which cases are checked for a bulk action, and where the focus is.
import { create } from 'zustand';
import type { CaseFilter, CaseRow, ViewId } from '../../../shared/desk-api';
import { desk } from '../desk/client';
import { CasePager } from './case-pager';

export type FocusLevel = 'list' | 'case' | 'composer';

/** The inbox (views, list, case), or the supervisor board, the dashboard, reply templates or mass complaints in place of list and case. */
export type Screen = 'inbox' | 'board' | 'templates' | 'dashboard' | 'mass';

export type Dialog =
  | { type: 'assign'; caseIds: string[] | 'view' }
  | { type: 'status'; caseIds: string[] | 'view' }
  | { type: 'transfer'; caseId: string }
  | { type: 'tags'; caseId: string }
  | { type: 'bulkTags'; caseIds: string[] | 'view' }
  | { type: 'templates' }
  /** groupId: the open cases of a mass-complaint group, answered as one group reply */
  | { type: 'bulkReply'; caseIds: string[] | 'view'; groupId?: string }
  | { type: 'help' }
  | { type: 'archiveTemplate'; agencyId: string | null; code: string; title: string }
  | { type: 'newCase' }
  | { type: 'leave'; staffId: string }
  | { type: 'cover'; staffId: string }
  | { type: 'outcome'; caseId: string };

type InboxState = {
  screen: Screen;
  view: ViewId;
  /** narrows the view (the board opens one agent's cases); empty for a plain view */
  filter: CaseFilter;
  /** says what the filter shows, e.g. the agent's name; null without a filter */
  filterLabel: string | null;
  /** the list was opened from the supervisor board; Esc goes back there */
  returnToBoard: boolean;
  /** the list was opened from the mass-complaints screen; Esc goes back there */
  returnToMass: boolean;
  counts: Partial<Record<ViewId, number>>;
  pager: CasePager;
  /** non-empty: the list shows search results instead of the view */
  query: string;
  results: CaseRow[] | null;
  selectedIndex: number;
  selectedId: string | null;
  focus: FocusLevel;
  checked: ReadonlySet<string>;
  /** every case of the view is checked (ids are collected when the action runs) */
  allInView: boolean;
  dialog: Dialog | null;
};

export function makePager(view: ViewId, estimatedTotal: number, filter: CaseFilter = {}): CasePager {
  return new CasePager(
    async (after, limit) => desk()['cases.page']({ view, filter, after, limit }),
    { estimatedTotal },
  );
}

export const useInbox = create<InboxState>(() => ({
  screen: 'inbox',
  view: 'inbox',
  filter: {},
  filterLabel: null,
  returnToBoard: false,
  returnToMass: false,
  counts: {},
  pager: makePager('inbox', 0),
  query: '',
  results: null,
  selectedIndex: 0,
  selectedId: null,
  focus: 'list',
  checked: new Set<string>(),
  allInView: false,
  dialog: null,
}));

export function listLength(state: InboxState): number {
  return state.results !== null ? state.results.length : state.pager.total;
}

export function rowAt(state: InboxState, index: number): CaseRow | undefined {
  return state.results !== null ? state.results[index] : state.pager.rowAt(index);
}

export async function refreshCounts(): Promise<void> {
  const counts = await desk()['views.counts']();
  const { pager, view, filter } = useInbox.getState();
  // a filtered list's size is not a view count; its pager learns it from the pages
  if (Object.keys(filter).length === 0) pager.setEstimatedTotal(counts[view] ?? 0);
  useInbox.setState({ counts });
}

export function showView(view: ViewId, filter: CaseFilter = {}, filterLabel: string | null = null): void {
  const state = useInbox.getState();
  state.pager.dispose();
  const filtered = Object.keys(filter).length > 0;
  const pager = makePager(view, filtered ? 0 : (state.counts[view] ?? 0), filter);
  useInbox.setState({
    screen: 'inbox',
    view,
    filter,
    filterLabel: filtered ? filterLabel : null,
    returnToBoard: false,
    returnToMass: false,
    pager,
    query: '',
    results: null,
    selectedIndex: 0,
    selectedId: null,
    focus: 'list',
    checked: new Set(),
    allInView: false,
  });
  void pager.ensureRange(0, pager.pageSize - 1).then(() => syncSelection());
}

/** Keeps the selected id in step with the row now at the selected index (after loads). */
export function syncSelection(): void {
  const state = useInbox.getState();
  if (state.selectedId !== null) {
    const at = state.results !== null ? state.results.findIndex((r) => r.id === state.selectedId) : state.pager.indexOf(state.selectedId);
    if (at >= 0) {
      if (at !== state.selectedIndex) useInbox.setState({ selectedIndex: at });
      return;
    }
    // The agent is working in the case (took it from Unassigned, say): it stays open even
    // though it left the list; j/k move on from where it was.
    if (state.focus !== 'list') return;
  }
  const row = rowAt(state, Math.min(state.selectedIndex, Math.max(0, listLength(state) - 1)));
  if (row !== undefined && row.id !== state.selectedId) useInbox.setState({ selectedId: row.id });
}

export function select(index: number): void {
  const state = useInbox.getState();
  const length = listLength(state);
  if (length === 0) return;
  const clamped = Math.max(0, Math.min(length - 1, index));
  const row = rowAt(state, clamped);
  useInbox.setState({ selectedIndex: clamped, selectedId: row?.id ?? null });
  if (row === undefined && state.results === null) {
    void state.pager.ensureRange(clamped, clamped).then(() => {
      const now = useInbox.getState();
      if (now.selectedIndex === clamped) useInbox.setState({ selectedId: rowAt(now, clamped)?.id ?? null });
    });
  }
}

/** Shift+click: checks every row from the selected one to `index` (loading the pages between), then selects it. */
export async function checkRangeTo(index: number): Promise<void> {
  const state = useInbox.getState();
  const from = Math.min(state.selectedIndex, index);
  const to = Math.max(state.selectedIndex, index);
  if (state.results === null) await state.pager.ensureRange(from, to);
  const now = useInbox.getState();
  const ids: string[] = [];
  for (let i = from; i <= to; i++) {
    const row = rowAt(now, i);
    if (row !== undefined) ids.push(row.id);
  }
  setChecked(ids, true);
  select(index);
}

/** Ctrl/Cmd+click: checks or unchecks one row, and selects it. */
export function toggleCheckedAt(index: number): void {
  const row = rowAt(useInbox.getState(), index);
  if (row === undefined) return;
  setChecked([row.id], !useInbox.getState().checked.has(row.id));
  select(index);
}

export function setChecked(caseIds: Iterable<string>, on: boolean): void {
  const checked = new Set(useInbox.getState().checked);
  for (const id of caseIds) {
    if (on) checked.add(id);
    else checked.delete(id);
  }
  useInbox.setState({ checked, allInView: false });
}

export function openDialog(dialog: Dialog): void {
  useInbox.setState({ dialog });
}

export function closeDialog(): void {
  useInbox.setState({ dialog: null });
}
