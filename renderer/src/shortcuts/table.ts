// THE keyboard map. The dispatcher, the `?` help overlay and the Ctrl/Cmd+K palette all read
// this one table, so they cannot disagree. Keys are physical positions (`KeyboardEvent.code`):
// `j` is KeyJ whether the active layout types j or ت.
import type { Action, Capability } from '../../../shared/capabilities';
import { capability } from '../../../shared/capabilities';
import type { ViewId } from '../../../shared/desk-api';
import type { Staff } from '../../../shared/domain';

/** One key press: a physical key with modifiers. `mod` is Ctrl, or Cmd on a Mac. */
export type Chord = { code: string; shift?: boolean; mod?: boolean };

export type ShortcutGroup = 'navigation' | 'case' | 'composer' | 'selection' | 'views' | 'board' | 'templates' | 'app';

/** What a shortcut can ask of the app; implemented once in actions/commands.ts. */
export type AppCommands = {
  moveSelection(delta: 1 | -1, extend: boolean): void;
  openSelected(): void;
  back(): void;
  toggleChecked(): void;
  checkAllInView(): void;
  assign(): void;
  take(): void;
  focusComposer(mode: 'reply' | 'note'): void;
  focusSearch(): void;
  openTemplates(): void;
  send(): void;
  copyReference(): void;
  changeStatus(): void;
  transfer(): void;
  editTags(): void;
  newCase(): void;
  goToView(view: ViewId): void;
  openBoard(): void;
  /** the SLA and volume dashboard (supervisors and admins) */
  openDashboard(): void;
  /** the mass-complaint groups (supervisors and admins); from a member case, its group */
  openMass(): void;
  /** in a group's list: the selected case becomes the master of its mass-complaint group */
  setMassMaster(): void;
  /** on the board: the chosen agent's leave */
  setLeave(): void;
  /** on the board: move the chosen agent's open cases to colleagues */
  coverAgent(): void;
  /** on the board: the agency's next auto-assignment mode */
  nextAutoAssign(): void;
  /** the reply templates screen (supervisors and admins) */
  openTemplatesScreen(): void;
  newTemplate(): void;
  /** the selected (or edited) template pair, after a confirmation */
  archiveTemplate(): void;
  openAssigned(): void;
  undo(): void;
  showHelp(): void;
  openPalette(): void;
  toggleLanguage(): void;
  /** away from the desk, or back (auto-assignment skips people away) */
  toggleAway(): void;
  /** a suggestion's outcome (supervisors and admins) */
  setOutcome(): void;
  logout(): void;
};

export type Shortcut = {
  id: string;
  /** alternative key sequences; each sequence is one or more chords (`g` then `i`) */
  keys: Chord[][];
  /** text typed in the composer that triggers it too (`::`); shown in help, matched by the composer */
  typed?: string;
  /** i18n key of its label */
  label: string;
  group: ShortcutGroup;
  /** fires even while the focus is in a text field */
  whileTyping?: boolean;
  /** fires while the `?` help overlay is open too, taking its place (the help only shows keys) */
  overHelp?: boolean;
  /** listed in the command palette */
  inPalette: boolean;
  /** what the server must allow the user (shared/capabilities.ts); not offered otherwise */
  needs?: Action;
  run: (app: AppCommands) => void;
};

const key = (code: string, extra: Omit<Chord, 'code'> = {}): Chord[] => [{ code, ...extra }];
const go = (code: string): Chord[] => [{ code: 'KeyG' }, { code }];

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'next', keys: [key('KeyJ')], label: 'shortcut.next', group: 'navigation', inPalette: false, run: (a) => a.moveSelection(1, false) },
  { id: 'previous', keys: [key('KeyK')], label: 'shortcut.previous', group: 'navigation', inPalette: false, run: (a) => a.moveSelection(-1, false) },
  { id: 'open', keys: [key('Enter'), key('KeyO')], label: 'shortcut.open', group: 'navigation', inPalette: true, run: (a) => a.openSelected() },
  { id: 'back', keys: [key('Escape')], label: 'shortcut.back', group: 'navigation', whileTyping: true, inPalette: false, run: (a) => a.back() },
  { id: 'search', keys: [key('Slash')], label: 'shortcut.search', group: 'navigation', inPalette: true, run: (a) => a.focusSearch() },
  { id: 'toggleSelect', keys: [key('KeyX')], label: 'shortcut.toggleSelect', group: 'selection', inPalette: true, run: (a) => a.toggleChecked() },
  { id: 'extendDown', keys: [key('KeyJ', { shift: true })], label: 'shortcut.extendDown', group: 'selection', inPalette: false, run: (a) => a.moveSelection(1, true) },
  { id: 'extendUp', keys: [key('KeyK', { shift: true })], label: 'shortcut.extendUp', group: 'selection', inPalette: false, run: (a) => a.moveSelection(-1, true) },
  { id: 'selectAll', keys: [key('KeyA', { mod: true })], label: 'shortcut.selectAll', group: 'selection', inPalette: true, run: (a) => a.checkAllInView() },
  { id: 'assign', keys: [key('KeyA')], label: 'shortcut.assign', group: 'case', inPalette: true, needs: 'case.assignOthers', run: (a) => a.assign() },
  { id: 'take', keys: [key('KeyI')], label: 'shortcut.take', group: 'case', inPalette: true, needs: 'case.take', run: (a) => a.take() },
  { id: 'reply', keys: [key('KeyR')], label: 'shortcut.reply', group: 'case', inPalette: true, needs: 'case.reply', run: (a) => a.focusComposer('reply') },
  { id: 'note', keys: [key('KeyN')], label: 'shortcut.note', group: 'case', inPalette: true, needs: 'case.note', run: (a) => a.focusComposer('note') },
  { id: 'status', keys: [key('KeyS')], label: 'shortcut.status', group: 'case', inPalette: true, needs: 'case.start', run: (a) => a.changeStatus() },
  { id: 'transfer', keys: [key('KeyT', { shift: true })], label: 'shortcut.transfer', group: 'case', inPalette: true, needs: 'case.transfer', run: (a) => a.transfer() },
  { id: 'outcome', keys: [key('KeyO', { shift: true })], label: 'shortcut.outcome', group: 'case', inPalette: true, needs: 'case.setOutcome', run: (a) => a.setOutcome() },
  { id: 'tags', keys: [key('KeyL')], label: 'shortcut.tags', group: 'case', inPalette: true, needs: 'case.tag', run: (a) => a.editTags() },
  { id: 'copyRef', keys: [key('Period')], label: 'shortcut.copyRef', group: 'case', inPalette: true, run: (a) => a.copyReference() },
  { id: 'template', keys: [key('KeyT')], typed: '::', label: 'shortcut.template', group: 'composer', inPalette: true, needs: 'case.reply', run: (a) => a.openTemplates() },
  { id: 'send', keys: [key('Enter', { mod: true })], label: 'shortcut.send', group: 'composer', whileTyping: true, inPalette: false, run: (a) => a.send() },
  { id: 'newCase', keys: [key('KeyC')], label: 'shortcut.newCase', group: 'case', inPalette: true, needs: 'case.create', run: (a) => a.newCase() },
  { id: 'goInbox', keys: [go('KeyI')], label: 'shortcut.goInbox', group: 'views', inPalette: true, run: (a) => a.goToView('inbox') },
  { id: 'goUnassigned', keys: [go('KeyU')], label: 'shortcut.goUnassigned', group: 'views', inPalette: true, run: (a) => a.goToView('unassigned') },
  { id: 'goMine', keys: [go('KeyM')], label: 'shortcut.goMine', group: 'views', inPalette: true, run: (a) => a.goToView('mine') },
  { id: 'goOverdue', keys: [go('KeyO')], label: 'shortcut.goOverdue', group: 'views', inPalette: true, run: (a) => a.goToView('overdue') },
  { id: 'goReopened', keys: [go('KeyR')], label: 'shortcut.goReopened', group: 'views', inPalette: true, run: (a) => a.goToView('reopened') },
  { id: 'goEscalated', keys: [go('KeyE')], label: 'shortcut.goEscalated', group: 'views', inPalette: true, run: (a) => a.goToView('escalated') },
  { id: 'goBoard', keys: [go('KeyS')], label: 'shortcut.goBoard', group: 'views', inPalette: true, run: (a) => a.openBoard() },
  { id: 'goDashboard', keys: [go('KeyD')], label: 'shortcut.goDashboard', group: 'views', inPalette: true, run: (a) => a.openDashboard() },
  // g m is "mine" (DESIGN.md's map); c for the complaints grouped
  { id: 'goMass', keys: [go('KeyC')], label: 'shortcut.goMass', group: 'views', inPalette: true, needs: 'screen.mass', run: (a) => a.openMass() },
  { id: 'massMaster', keys: [key('KeyP', { shift: true })], label: 'shortcut.massMaster', group: 'case', inPalette: true, needs: 'case.setMassMaster', run: (a) => a.setMassMaster() },
  { id: 'leave', keys: [key('KeyL', { shift: true })], label: 'shortcut.leave', group: 'board', inPalette: true, needs: 'supervision.manage', run: (a) => a.setLeave() },
  { id: 'cover', keys: [key('KeyC', { shift: true })], label: 'shortcut.cover', group: 'board', inPalette: true, needs: 'bulk.cover', run: (a) => a.coverAgent() },
  { id: 'autoAssign', keys: [key('KeyM', { shift: true })], label: 'shortcut.autoAssign', group: 'board', inPalette: true, needs: 'supervision.manage', run: (a) => a.nextAutoAssign() },
  { id: 'goTemplates', keys: [go('KeyT')], label: 'shortcut.goTemplates', group: 'views', inPalette: true, run: (a) => a.openTemplatesScreen() },
  { id: 'newTemplate', keys: [key('KeyN', { shift: true })], label: 'shortcut.newTemplate', group: 'templates', inPalette: true, needs: 'template.save', run: (a) => a.newTemplate() },
  { id: 'archiveTemplate', keys: [key('Delete')], label: 'shortcut.archiveTemplate', group: 'templates', inPalette: true, needs: 'template.archive', run: (a) => a.archiveTemplate() },
  { id: 'goAssigned', keys: [go('KeyN')], label: 'shortcut.goAssigned', group: 'views', inPalette: true, run: (a) => a.openAssigned() },
  { id: 'undo', keys: [key('KeyZ')], label: 'shortcut.undo', group: 'app', inPalette: true, run: (a) => a.undo() },
  { id: 'help', keys: [key('Slash', { shift: true })], label: 'shortcut.help', group: 'app', inPalette: true, run: (a) => a.showHelp() },
  { id: 'palette', keys: [key('KeyK', { mod: true })], label: 'shortcut.palette', group: 'app', whileTyping: true, overHelp: true, inPalette: false, run: (a) => a.openPalette() },
  { id: 'language', keys: [], label: 'shortcut.language', group: 'app', inPalette: true, run: (a) => a.toggleLanguage() },
  { id: 'away', keys: [], label: 'shortcut.away', group: 'app', inPalette: true, run: (a) => a.toggleAway() },
  { id: 'logout', keys: [], label: 'shortcut.logout', group: 'app', inPalette: true, run: (a) => a.logout() },
];

/** Whether the signed-in user may use a shortcut at all, and why not (the capability table). */
export function shortcutCapability(shortcut: Pick<Shortcut, 'needs'>, staff: Staff | null): Capability {
  return shortcut.needs === undefined ? { allowed: true } : capability(staff, shortcut.needs);
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = ['navigation', 'case', 'composer', 'selection', 'views', 'board', 'templates', 'app'];
