// The actions still shown in a toast, by mutation id: what the undo toasts render.
import { create } from 'zustand';
import type { UndoEntry } from './undo-stack';

export const useUndoEntries = create<{ entries: Record<string, UndoEntry> }>(() => ({ entries: {} }));

export function patchEntry(mutationId: string, patch: Partial<UndoEntry>): void {
  useUndoEntries.setState((s) => {
    const entry = s.entries[mutationId];
    return entry === undefined ? s : { entries: { ...s.entries, [mutationId]: { ...entry, ...patch } } };
  });
}

export function dropEntry(mutationId: string): void {
  useUndoEntries.setState((s) => {
    if (s.entries[mutationId] === undefined) return s;
    const { [mutationId]: _gone, ...rest } = s.entries;
    return { entries: rest };
  });
}
