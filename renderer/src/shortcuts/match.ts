// Matching a key press against the shortcut table. Pure, so it is unit tested with the
// events an Arabic layout produces (key 'ت', code 'KeyJ').
import type { Chord, Shortcut } from './table';

export type KeyPress = Pick<KeyboardEvent, 'code' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>;

export type MatchContext = {
  /** the focus is in a text field */
  typing: boolean;
  /** chords pressed so far of an unfinished sequence (`g` waiting for its second key) */
  prefix: readonly Chord[];
  /** Cmd stands for `mod` on a Mac, Ctrl elsewhere */
  mac: boolean;
};

export type MatchResult =
  | { type: 'run'; shortcut: Shortcut }
  | { type: 'prefix'; prefix: Chord[] }
  | { type: 'none' };

/**
 * What is open over the desk: a dialog (or the palette) owns the keyboard and handles its own
 * Esc and typing; the `?` help overlay only shows keys, so a shortcut marked `overHelp`
 * (Ctrl/Cmd+K) still runs over it.
 */
export type Overlay = 'none' | 'help' | 'dialog';

/** The part of the table the dispatcher matches while `overlay` is open. */
export function shortcutsOver(table: readonly Shortcut[], overlay: Overlay): readonly Shortcut[] {
  if (overlay === 'none') return table;
  if (overlay === 'help') return table.filter((s) => s.overHelp === true);
  return [];
}

const MODIFIER_CODES = new Set(['ShiftLeft', 'ShiftRight', 'ControlLeft', 'ControlRight', 'MetaLeft', 'MetaRight', 'AltLeft', 'AltRight']);

export function chordOf(press: KeyPress, mac: boolean): Chord | null {
  if (MODIFIER_CODES.has(press.code) || press.altKey) return null;
  const mod = mac ? press.metaKey : press.ctrlKey;
  // Ctrl on a Mac (or Cmd elsewhere) is not ours: leave it to the system.
  if (mac ? press.ctrlKey : press.metaKey) return null;
  return { code: press.code, shift: press.shiftKey, mod };
}

export function sameChord(a: Chord, b: Chord): boolean {
  return a.code === b.code && (a.shift ?? false) === (b.shift ?? false) && (a.mod ?? false) === (b.mod ?? false);
}

export function matchShortcut(table: readonly Shortcut[], press: KeyPress, context: MatchContext): MatchResult {
  const chord = chordOf(press, context.mac);
  if (chord === null) return { type: 'none' };
  const sequence = [...context.prefix, chord];
  let longer = false;
  for (const shortcut of table) {
    if (context.typing && shortcut.whileTyping !== true) continue;
    for (const keys of shortcut.keys) {
      if (keys.length < sequence.length) continue;
      if (!sequence.every((c, i) => sameChord(c, keys[i]))) continue;
      if (keys.length === sequence.length) return { type: 'run', shortcut };
      longer = true;
    }
  }
  if (longer) return { type: 'prefix', prefix: sequence };
  // An unfinished sequence followed by a key that does not complete it starts over with that key.
  if (context.prefix.length > 0) return matchShortcut(table, press, { ...context, prefix: [] });
  return { type: 'none' };
}

const CODE_LABELS: Record<string, string> = {
  Enter: 'Enter',
  Escape: 'Esc',
  Slash: '/',
  Period: '.',
  Space: 'Space',
};

/** How a chord is printed in help and in the palette ("Shift+J", "⌘+Enter", "?"). */
export function chordLabel(chord: Chord, mac: boolean): string {
  if (chord.code === 'Slash' && chord.shift === true && chord.mod !== true) return '?';
  const base = CODE_LABELS[chord.code] ?? chord.code.replace(/^Key|^Digit/, '');
  const parts: string[] = [];
  if (chord.mod === true) parts.push(mac ? '⌘' : 'Ctrl');
  if (chord.shift === true) parts.push('Shift');
  parts.push(base);
  return parts.join('+');
}
