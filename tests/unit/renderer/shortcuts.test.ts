import { describe, expect, it } from 'vitest';
import { chordLabel, matchShortcut, shortcutsOver } from '../../../renderer/src/shortcuts/match';
import type { KeyPress, MatchContext, Overlay } from '../../../renderer/src/shortcuts/match';
import { SHORTCUTS } from '../../../renderer/src/shortcuts/table';

const press = (code: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  code,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...extra,
});
const idle: MatchContext = { typing: false, prefix: [], mac: false };

function run(p: KeyPress, context: MatchContext = idle): string | null {
  const result = matchShortcut(SHORTCUTS, p, context);
  return result.type === 'run' ? result.shortcut.id : null;
}

describe('the shortcut table', () => {
  it('binds by physical key, so an Arabic layout (key "ت" on KeyJ) still moves the selection', () => {
    const arabicJ = { ...press('KeyJ'), key: 'ت' } as KeyPress;
    expect(run(arabicJ)).toBe('next');
    expect(run(press('KeyK'))).toBe('previous');
  });

  it('tells j from Shift+j and t from Shift+T', () => {
    expect(run(press('KeyJ', { shiftKey: true }))).toBe('extendDown');
    expect(run(press('KeyT'))).toBe('template');
    expect(run(press('KeyT', { shiftKey: true }))).toBe('transfer');
    expect(run(press('Slash', { shiftKey: true }))).toBe('help');
    expect(run(press('Slash'))).toBe('search');
  });

  it('runs two-key sequences: g then i goes to the inbox, while i alone takes the case', () => {
    const first = matchShortcut(SHORTCUTS, press('KeyG'), idle);
    expect(first.type).toBe('prefix');
    const prefix = first.type === 'prefix' ? first.prefix : [];
    expect(run(press('KeyI'), { ...idle, prefix })).toBe('goInbox');
    expect(run(press('KeyI'))).toBe('take');
  });

  it('goes to the mass complaints with g then c, keeps g then m for "mine", and asks supervisors’ rights for both mass keys', () => {
    const first = matchShortcut(SHORTCUTS, press('KeyG'), idle);
    const prefix = first.type === 'prefix' ? first.prefix : [];
    expect(run(press('KeyC'), { ...idle, prefix })).toBe('goMass');
    expect(run(press('KeyM'), { ...idle, prefix })).toBe('goMine');
    expect(run(press('KeyC'))).toBe('newCase');
    expect(run(press('KeyP', { shiftKey: true }))).toBe('massMaster');
    expect(SHORTCUTS.find((s) => s.id === 'goMass')?.needs).toBe('screen.mass');
    expect(SHORTCUTS.find((s) => s.id === 'massMaster')?.needs).toBe('case.setMassMaster');
  });

  it('starts over when a sequence is not completed', () => {
    const first = matchShortcut(SHORTCUTS, press('KeyG'), idle);
    const prefix = first.type === 'prefix' ? first.prefix : [];
    expect(run(press('KeyJ'), { ...idle, prefix })).toBe('next');
  });

  it('leaves typing alone except for Esc and Ctrl/Cmd+Enter', () => {
    const typing = { ...idle, typing: true };
    expect(run(press('KeyJ'), typing)).toBeNull();
    expect(run(press('KeyR'), typing)).toBeNull();
    expect(run(press('Escape'), typing)).toBe('back');
    expect(run(press('Enter', { ctrlKey: true }), typing)).toBe('send');
    expect(run(press('Enter', { metaKey: true }), { ...typing, mac: true })).toBe('send');
  });

  it('uses Cmd on a Mac and Ctrl elsewhere, and never steals the other one', () => {
    expect(run(press('KeyA', { ctrlKey: true }))).toBe('selectAll');
    expect(run(press('KeyA', { metaKey: true }))).toBeNull();
    expect(run(press('KeyA', { metaKey: true }), { ...idle, mac: true })).toBe('selectAll');
    expect(run(press('KeyA', { ctrlKey: true }), { ...idle, mac: true })).toBeNull();
  });

  it('has unique ids and no key sequence bound twice', () => {
    const ids = SHORTCUTS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const sequences = SHORTCUTS.flatMap((s) => s.keys.map((keys) => JSON.stringify(keys.map((c) => [c.code, c.shift ?? false, c.mod ?? false]))));
    expect(new Set(sequences).size).toBe(sequences.length);
  });

  it('has the keys DESIGN.md promises', () => {
    const byId = new Map(SHORTCUTS.map((s) => [s.id, s.keys.map((keys) => keys.map((c) => chordLabel(c, false)).join(' '))]));
    expect(byId.get('open')).toEqual(['Enter', 'O']);
    expect(byId.get('goOverdue')).toEqual(['G O']);
    expect(byId.get('copyRef')).toEqual(['.']);
    expect(byId.get('undo')).toEqual(['Z']);
    expect(byId.get('help')).toEqual(['?']);
    expect(byId.get('palette')).toEqual(['Ctrl+K']);
    expect(SHORTCUTS.find((s) => s.id === 'template')?.typed).toBe('::');
  });

  it('lets Ctrl/Cmd+K through the help overlay, and nothing else through it or a dialog', () => {
    const over = (overlay: Overlay, p: KeyPress, context: MatchContext = idle) => {
      const result = matchShortcut(shortcutsOver(SHORTCUTS, overlay), p, context);
      return result.type === 'run' ? result.shortcut.id : result.type;
    };
    expect(over('help', press('KeyK', { ctrlKey: true }))).toBe('palette');
    expect(over('help', press('KeyK', { metaKey: true }), { ...idle, mac: true })).toBe('palette');
    // the help's own Esc, and the desk's keys, stay with the help while it is open
    for (const key of [press('Escape'), press('Slash', { shiftKey: true }), press('KeyJ'), press('KeyG'), press('KeyA', { ctrlKey: true })]) {
      expect(over('help', key)).toBe('none');
    }
    expect(over('dialog', press('KeyK', { ctrlKey: true }))).toBe('none');
    expect(over('none', press('KeyK', { ctrlKey: true }))).toBe('palette');
    expect(over('none', press('KeyG'))).toBe('prefix');
  });

  it('prints chords for help and palette', () => {
    expect(chordLabel({ code: 'Enter', mod: true }, true)).toBe('⌘+Enter');
    expect(chordLabel({ code: 'KeyT', shift: true }, false)).toBe('Shift+T');
  });
});
