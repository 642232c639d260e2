// The one implementation of every command the shortcut table (and so the palette and help)
// can run.
import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import { createElement } from 'react';
import type { ViewId } from '../../../shared/desk-api';
import { capability } from '../../../shared/capabilities';
import type { DenialReason } from '../../../shared/capabilities';
import type { AppCommands, Shortcut } from '../shortcuts/table';
import { shortcutCapability } from '../shortcuts/table';
import { palette } from '../state/palette';
import { currentLanguage, toggleLanguage } from '../i18n';
import { setComposerMode, useComposer } from '../state/composer';
import { closeDialog, listLength, openDialog, rowAt, select, setChecked, showView, useInbox } from '../state/inbox';
import { useOpenCase } from '../state/open-case';
import { logout, useSession } from '../state/session';
import { toggleAway } from '../state/away';
import { mutate, undo } from '../ui/mutate';
import { send } from '../case/send';
import { describeError } from '../ui/errors';
import { DOM_IDS, focusById } from '../ui/focus';
import { personName } from '../format/names';
import { mayUseBoard, moveBoardSelection, useBoard } from '../state/board';
import { nextAutoAssignMode } from '../board/AutoAssignControl';
import { openAssigned } from '../notify/assigned';
import { loadMassGroups, mayUseMass, moveMassSelection, openCaseIdsOf, selectGroup, selectedGroup, useMass } from '../state/mass';
import {
  closeEditor,
  draftOf,
  mayEditPair,
  mayManageTemplates,
  moveTemplateSelection,
  newDraft,
  openEditor,
  pairsOf,
  saveDraft,
  selectedPair,
  setTemplateFilter,
  useTemplateAdmin,
} from '../state/template-admin';

// the element ids moved to ./focus with the rest of focus management; kept here for importers
export { DOM_IDS };

/**
 * Where the focus was when `?` opened the help, kept while the help is open or closing (it
 * gives the focus back there itself, a few ms after it closed). Ctrl/Cmd+K in that time puts
 * it back there first: the palette returns the focus to where it found it when it closes,
 * and that must not be the help, gone by then.
 */
let focusBeforeHelp: HTMLElement | null = null;

/** The help overlay has closed and given the focus back. */
export function helpExited(): void {
  focusBeforeHelp = null;
}

/** The cases an action applies to: the checked ones, or else the selected one. */
export function targetCases(): string[] | 'view' {
  const { checked, allInView, selectedId } = useInbox.getState();
  if (allInView) return 'view';
  if (checked.size > 0) return [...checked];
  return selectedId === null ? [] : [selectedId];
}

function selectedCaseId(): string | null {
  const state = useInbox.getState();
  return state.screen !== 'inbox' ? null : state.selectedId;
}

function onBoard(): boolean {
  return useInbox.getState().screen === 'board';
}

function onTemplates(): boolean {
  return useInbox.getState().screen === 'templates';
}

function onMass(): boolean {
  return useInbox.getState().screen === 'mass';
}

/** The board or the templates screen is up: the case commands have nothing to act on. */
function offInbox(): boolean {
  return useInbox.getState().screen !== 'inbox';
}

/** Esc on the templates screen: editor → list → an emptied filter → the inbox. */
function templatesBack(): void {
  const { draft, filter } = useTemplateAdmin.getState();
  if (draft !== null) {
    closeEditor();
    return focusById(DOM_IDS.templatesList);
  }
  if (filter !== '') {
    setTemplateFilter('');
    return focusById(DOM_IDS.templatesList);
  }
  if (document.activeElement?.id === DOM_IDS.templatesFilter) return focusById(DOM_IDS.templatesList);
  commands.goToView(useInbox.getState().view);
}

function showTemplatesScreen(): void {
  useInbox.setState({ screen: 'templates', checked: new Set(), allInView: false, query: '', results: null, selectedId: null, focus: 'list', returnToBoard: false });
}

function notifySupervisorsOnly(): void {
  notifications.show({ color: 'yellow', message: i18next.t('templatesAdmin.supervisorsOnly'), autoClose: 5_000 });
}

/** From the mass-complaints screen, the chosen group's cases in the inbox; Esc goes back. */
function openGroupCases(): void {
  const group = selectedGroup();
  if (group === undefined) return;
  showView('all', { massGroupId: group.id }, group.subject);
  useInbox.setState({ returnToMass: true });
  focusById(DOM_IDS.list);
}

/**
 * The chosen group's open cases, for an action over the whole group (a supervisor on the
 * mass-complaints screen with no dialog open); null otherwise, or when none is open.
 */
async function groupOpenCases(): Promise<{ groupId: string; caseIds: string[] } | null> {
  const group = selectedGroup();
  if (!onMass() || group === undefined || useInbox.getState().dialog !== null || !mayUseMass(useSession.getState().staff)) return null;
  const caseIds = await openCaseIdsOf(group.id);
  if (caseIds.length === 0) {
    notifications.show({ color: 'yellow', message: i18next.t('mass.noOpen'), autoClose: 4_000 });
    return null;
  }
  return { groupId: group.id, caseIds };
}

/** From the board, the chosen agent's open cases, ready to be picked and reassigned. */
function openAgentCases(): void {
  const row = useBoard.getState().agents[useBoard.getState().selectedIndex];
  if (row === undefined) return;
  showView('inbox', { assigneeId: row.agent.id }, personName(row.agent, currentLanguage()));
  useInbox.setState({ returnToBoard: true });
  focusById(DOM_IDS.list);
}

/** The agent chosen on the board, when the board is up to a supervisor with no dialog open. */
function boardAgentId(): string | null {
  if (!onBoard() || useInbox.getState().dialog !== null || !mayUseBoard(useSession.getState().staff)) return null;
  return useBoard.getState().agents[useBoard.getState().selectedIndex]?.agent.id ?? null;
}

/**
 * Whether several cases are targeted by a role that may not change them in bulk (the
 * capability table: the server refuses bulk mutations from agents). Says so instead of
 * opening a dialog bound to fail.
 */
function bulkRefused(caseIds: string[] | 'view'): boolean {
  if (caseIds !== 'view' && caseIds.length <= 1) return false;
  if (capability(useSession.getState().staff, 'bulk.assign').allowed) return false;
  notifications.show({ color: 'yellow', message: i18next.t('bulk.supervisorsOnly'), autoClose: 5_000 });
  return true;
}

export function tellUnavailable(reason: DenialReason): void {
  notifications.show({
    color: 'yellow',
    autoClose: 5_000,
    message: createElement('span', { 'data-testid': 'capability-refusal', 'data-reason': reason }, i18next.t('capability.unavailable', { reason: i18next.t(`capability.${reason}`) })),
  });
}

/**
 * Runs a shortcut (a key, the palette) unless the capability table says the server would
 * refuse it to this user: then says why, and nothing opens.
 */
export function runShortcut(shortcut: Pick<Shortcut, 'needs' | 'run'>): void {
  const verdict = shortcutCapability(shortcut, useSession.getState().staff);
  if (!verdict.allowed) return tellUnavailable(verdict.reason);
  shortcut.run(commands);
}

/** The commands of moving through the list, the board and the templates; going back. */
const navigationCommands: Pick<AppCommands, 'moveSelection' | 'openSelected' | 'back' | 'toggleChecked' | 'checkAllInView'> = {
  moveSelection(delta, extend) {
    if (onBoard()) return moveBoardSelection(delta);
    if (onMass()) return moveMassSelection(delta);
    if (onTemplates()) return moveTemplateSelection(delta);
    const state = useInbox.getState();
    if (extend && state.selectedId !== null) setChecked([state.selectedId], true);
    select(state.selectedIndex + delta);
    if (extend) {
      const now = useInbox.getState();
      if (now.selectedId !== null) setChecked([now.selectedId], true);
    }
  },
  openSelected() {
    if (onBoard()) return openAgentCases();
    if (onMass()) return openGroupCases();
    if (onTemplates()) {
      if (useTemplateAdmin.getState().draft !== null) {
        // Enter is this shortcut, so it would not press the editor's buttons by itself
        const focused = document.activeElement;
        if (focused instanceof HTMLButtonElement) focused.click();
        return;
      }
      const pair = selectedPair();
      if (pair === undefined) return;
      openEditor(draftOf(pair, useSession.getState().staff));
      return focusById(DOM_IDS.templateCode);
    }
    if (selectedCaseId() === null) return;
    // CasePane moves the focus into the thread once the case is on screen.
    useInbox.setState({ focus: 'case' });
    if (useOpenCase.getState().detail?.case.id === selectedCaseId()) focusById(DOM_IDS.thread);
  },
  back() {
    const state = useInbox.getState();
    if (state.dialog !== null) return closeDialog();
    if (state.screen === 'templates') return templatesBack();
    if (state.focus === 'composer') {
      useInbox.setState({ focus: 'case' });
      return focusById(DOM_IDS.thread);
    }
    if (document.activeElement?.id === DOM_IDS.search) {
      if (state.query !== '') useInbox.setState({ query: '', results: null, selectedIndex: 0 });
      return focusById(DOM_IDS.list);
    }
    if (state.focus === 'case') {
      useInbox.setState({ focus: 'list' });
      return focusById(DOM_IDS.list);
    }
    if (state.checked.size > 0 || state.allInView) return useInbox.setState({ checked: new Set(), allInView: false });
    if (state.query !== '') return useInbox.setState({ query: '', results: null, selectedIndex: 0 });
    if (state.returnToBoard) return commands.openBoard();
    if (state.returnToMass) return commands.openMass();
    if (state.screen === 'mass') return commands.goToView(state.view);
    if (Object.keys(state.filter).length > 0) showView(state.view);
  },
  toggleChecked() {
    if (offInbox()) return;
    const { selectedId, checked } = useInbox.getState();
    if (selectedId !== null) setChecked([selectedId], !checked.has(selectedId));
  },
  checkAllInView() {
    const state = useInbox.getState();
    if (state.screen !== 'inbox') return;
    if (state.results !== null) return setChecked(state.results.map((r) => r.id), true);
    if (listLength(state) > 0) useInbox.setState({ allInView: true });
  },
};

/** The commands of the inbox: search, views, and acting on the selected or checked cases. */
const caseCommands: Pick<AppCommands, 'assign' | 'take' | 'focusComposer' | 'focusSearch' | 'openTemplates' | 'send' | 'copyReference' | 'changeStatus' | 'transfer' | 'editTags' | 'setOutcome' | 'newCase' | 'goToView'> = {
  assign() {
    if (onBoard()) return openAgentCases();
    if (onMass()) {
      void groupOpenCases().then((group) => group !== null && openDialog({ type: 'assign', caseIds: group.caseIds }));
      return;
    }
    if (offInbox()) return;
    const caseIds = targetCases();
    if (bulkRefused(caseIds)) return;
    if (caseIds.length > 0) openDialog({ type: 'assign', caseIds });
  },
  take() {
    if (offInbox()) return;
    const self = useSession.getState().staff;
    const caseIds = targetCases();
    if (self === null || caseIds.length === 0 || bulkRefused(caseIds)) return;
    if (caseIds === 'view' || caseIds.length > 1) return openDialog({ type: 'assign', caseIds });
    void mutate('case.take', { caseId: caseIds[0] });
  },
  focusComposer(mode) {
    if (selectedCaseId() === null) return;
    if (useComposer.getState().mode !== mode) setComposerMode(mode);
    useInbox.setState({ focus: 'composer' });
    focusById(DOM_IDS.composer);
  },
  focusSearch() {
    if (onTemplates()) {
      if (useTemplateAdmin.getState().draft === null) focusById(DOM_IDS.templatesFilter);
      return;
    }
    focusById(DOM_IDS.search);
    // a query already there is selected: typing replaces it, an arrow key keeps it
    const box = document.getElementById(DOM_IDS.search);
    if (box instanceof HTMLInputElement) box.select();
  },
  openTemplates() {
    if (onMass()) {
      void groupOpenCases().then((group) => group !== null && openDialog({ type: 'bulkReply', caseIds: group.caseIds, groupId: group.groupId }));
      return;
    }
    if (offInbox()) return;
    const caseIds = targetCases();
    if (bulkRefused(caseIds)) return;
    // over several cases: one template replied to each of them
    if (caseIds === 'view' || caseIds.length > 1) return openDialog({ type: 'bulkReply', caseIds });
    if (selectedCaseId() === null) return;
    if (useComposer.getState().mode !== 'reply') setComposerMode('reply');
    useInbox.setState({ focus: 'composer' });
    openDialog({ type: 'templates' });
  },
  send() {
    if (onTemplates()) {
      void saveDraft(describeError).then((saved) => {
        if (!saved) return;
        notifications.show({ message: i18next.t('templatesAdmin.saved'), autoClose: 3_000 });
        focusById(DOM_IDS.templatesList);
      });
      return;
    }
    if (useInbox.getState().focus !== 'composer') return;
    void send();
  },
  copyReference() {
    if (offInbox()) return;
    const detail = useOpenCase.getState().detail;
    const row = rowAt(useInbox.getState(), useInbox.getState().selectedIndex);
    const ref = detail?.case.ref ?? row?.ref;
    if (ref === undefined) return;
    navigator.clipboard.writeText(ref).then(
      () => notifications.show({ message: i18next.t('case.copied', { ref }), autoClose: 2_000 }),
      (error: unknown) => notifications.show({ color: 'red', message: describeError(error) }),
    );
  },
  changeStatus() {
    if (offInbox()) return;
    const caseIds = targetCases();
    if (bulkRefused(caseIds)) return;
    if (caseIds.length > 0) openDialog({ type: 'status', caseIds });
  },
  transfer() {
    const caseId = selectedCaseId();
    if (caseId !== null) openDialog({ type: 'transfer', caseId });
  },
  editTags() {
    if (offInbox()) return;
    const caseIds = targetCases();
    if (bulkRefused(caseIds)) return;
    if (caseIds === 'view' || caseIds.length > 1) return openDialog({ type: 'bulkTags', caseIds });
    const caseId = selectedCaseId();
    if (caseId !== null) openDialog({ type: 'tags', caseId });
  },
  setOutcome() {
    const caseId = selectedCaseId();
    const detail = useOpenCase.getState().detail;
    if (caseId === null || detail?.case.id !== caseId) return;
    if (detail.case.kind !== 'suggestion') {
      notifications.show({ color: 'yellow', message: i18next.t('errors.not_a_suggestion'), autoClose: 5_000 });
      return;
    }
    openDialog({ type: 'outcome', caseId });
  },
  newCase() {
    openDialog({ type: 'newCase' });
  },
  goToView(view: ViewId) {
    showView(view);
    focusById(DOM_IDS.list);
  },
};

/** The commands of the mass-complaints screen, and of a group's cases. */
const massCommands: Pick<AppCommands, 'openMass' | 'setMassMaster'> = {
  openMass() {
    // from a member case: its group chosen on the screen
    const groupId = useInbox.getState().screen === 'inbox' ? (useOpenCase.getState().detail?.case.massGroupId ?? null) : null;
    useInbox.setState({ screen: 'mass', checked: new Set(), allInView: false, query: '', results: null, selectedId: null, focus: 'list', returnToBoard: false, returnToMass: false });
    focusById(DOM_IDS.mass);
    void loadMassGroups().then(() => {
      if (groupId !== null) selectGroup(groupId);
    });
    if (groupId !== null) selectGroup(groupId);
  },
  setMassMaster() {
    const caseId = selectedCaseId();
    if (caseId === null) return;
    const detail = useOpenCase.getState().detail;
    if (detail?.case.id === caseId && detail.case.massGroupId === null) {
      notifications.show({ color: 'yellow', message: i18next.t('errors.not_in_mass_group'), autoClose: 5_000 });
      return;
    }
    void mutate('case.setMassMaster', { caseId }).then(() => {
      if (useMass.getState().groups.length > 0) void loadMassGroups();
    });
  },
};

/** The commands of the supervisor's board and dashboard. */
const boardCommands: Pick<AppCommands, 'openBoard' | 'openDashboard' | 'setLeave' | 'coverAgent' | 'nextAutoAssign' | 'openAssigned'> = {
  openBoard() {
    useInbox.setState({ screen: 'board', checked: new Set(), allInView: false, query: '', results: null, selectedId: null, focus: 'list', returnToBoard: false });
    focusById(DOM_IDS.board);
  },
  openDashboard() {
    useInbox.setState({ screen: 'dashboard', checked: new Set(), allInView: false, query: '', results: null, selectedId: null, focus: 'list', returnToBoard: false });
    focusById(DOM_IDS.dashboard);
  },
  setLeave() {
    const staffId = boardAgentId();
    if (staffId !== null) openDialog({ type: 'leave', staffId });
  },
  coverAgent() {
    const staffId = boardAgentId();
    if (staffId !== null) openDialog({ type: 'cover', staffId });
  },
  nextAutoAssign() {
    if (onBoard() && mayUseBoard(useSession.getState().staff) && useInbox.getState().dialog === null) nextAutoAssignMode();
  },
  openAssigned() {
    openAssigned();
  },
};

/** The commands of the templates screen. */
const templateCommands: Pick<AppCommands, 'openTemplatesScreen' | 'newTemplate' | 'archiveTemplate'> = {
  openTemplatesScreen() {
    showTemplatesScreen();
    closeEditor();
    focusById(DOM_IDS.templatesList);
  },
  newTemplate() {
    const staff = useSession.getState().staff;
    if (!mayManageTemplates(staff)) return notifySupervisorsOnly();
    showTemplatesScreen();
    openEditor(newDraft(staff));
    focusById(DOM_IDS.templateCode);
  },
  archiveTemplate() {
    if (!onTemplates() || useInbox.getState().dialog !== null) return;
    const { draft } = useTemplateAdmin.getState();
    const { staff, reference } = useSession.getState();
    // in the editor: the pair being edited; in the list: the selected one
    const pair = draft === null
      ? selectedPair()
      : pairsOf(reference?.templates ?? []).find((p) => p.code === draft.previousCode && p.agencyId === draft.agencyId);
    if (pair === undefined) return;
    if (!mayEditPair(staff, pair.agencyId)) {
      notifications.show({ color: 'yellow', message: i18next.t(mayManageTemplates(staff) ? 'templatesAdmin.nationalReadOnly' : 'templatesAdmin.supervisorsOnly'), autoClose: 5_000 });
      return;
    }
    const title = (currentLanguage() === 'ar' ? (pair.ar ?? pair.en) : (pair.en ?? pair.ar))?.title ?? pair.code;
    openDialog({ type: 'archiveTemplate', agencyId: pair.agencyId, code: pair.code, title });
  },
};

/** The commands of the desk itself: undo, help, palette, language, logout. */
const deskCommands: Pick<AppCommands, 'undo' | 'showHelp' | 'openPalette' | 'toggleLanguage' | 'toggleAway' | 'logout'> = {
  undo() {
    void undo();
  },
  showHelp() {
    focusBeforeHelp = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    openDialog({ type: 'help' });
  },
  openPalette() {
    if (focusBeforeHelp?.isConnected === true) focusBeforeHelp.focus({ preventScroll: true });
    focusBeforeHelp = null;
    // from the help overlay: the palette takes its place
    if (useInbox.getState().dialog?.type === 'help') closeDialog();
    palette.open();
  },
  toggleLanguage() {
    void toggleLanguage();
  },
  toggleAway() {
    toggleAway();
  },
  logout() {
    void logout();
  },
};

export const commands: AppCommands = {
  ...navigationCommands,
  ...caseCommands,
  ...boardCommands,
  ...massCommands,
  ...templateCommands,
  ...deskCommands,
};
