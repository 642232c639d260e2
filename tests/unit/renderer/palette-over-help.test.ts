import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands, helpExited } from '../../../renderer/src/app/commands';
import { paletteStore, palette } from '../../../renderer/src/state/palette';
import { closeDialog, useInbox } from '../../../renderer/src/state/inbox';

// No DOM here (node): the element the focus was on before the help is a stand-in that
// records when it was focused again.
class FakeElement {
  isConnected = true;
  focusedWhile: { dialog: string | null; palette: boolean } | null = null;
  focus = vi.fn(() => {
    this.focusedWhile = { dialog: useInbox.getState().dialog?.type ?? null, palette: paletteStore.getState().opened };
  });
}

function helpOverFocusOn(element: FakeElement): void {
  vi.stubGlobal('HTMLElement', FakeElement);
  vi.stubGlobal('document', { activeElement: element });
  commands.showHelp();
  expect(useInbox.getState().dialog).toEqual({ type: 'help' });
}

afterEach(() => {
  helpExited();
  vi.unstubAllGlobals();
  closeDialog();
  palette.close();
});

describe('Ctrl/Cmd+K from the help overlay', () => {
  it('closes the help and opens the palette in one step', () => {
    helpOverFocusOn(new FakeElement());
    commands.openPalette();
    expect(useInbox.getState().dialog).toBeNull();
    expect(paletteStore.getState().opened).toBe(true);
  });

  it('first gives the focus back to where it was before the help, so the palette returns it there', () => {
    const list = new FakeElement();
    helpOverFocusOn(list);
    commands.openPalette();
    expect(list.focus).toHaveBeenCalledTimes(1);
    expect(list.focusedWhile).toEqual({ dialog: 'help', palette: false });
  });

  it('does so too while the help is still closing, and not once it has closed', () => {
    const list = new FakeElement();
    helpOverFocusOn(list);
    closeDialog(); // Esc: the help is closing, and gives the focus back a few ms later
    commands.openPalette();
    expect(list.focus).toHaveBeenCalledTimes(1);
    expect(paletteStore.getState().opened).toBe(true);

    palette.close();
    helpOverFocusOn(list);
    closeDialog();
    helpExited();
    commands.openPalette();
    expect(list.focus).toHaveBeenCalledTimes(1);
  });
});
