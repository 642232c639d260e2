// Who is on which case, for the list: each row reads its own case's entry, so a colleague
// opening a case re-renders that one row. The open case's header reads open-case.ts instead.
import { create } from 'zustand';
import type { Viewer } from '../../../shared/desk-api';

type PresenceState = { byCase: ReadonlyMap<string, readonly Viewer[]> };

export const usePresence = create<PresenceState>(() => ({ byCase: new Map() }));

export function presenceChanged(caseId: string, viewers: readonly Viewer[]): void {
  const byCase = new Map(usePresence.getState().byCase);
  if (viewers.length === 0) byCase.delete(caseId);
  else byCase.set(caseId, viewers);
  usePresence.setState({ byCase });
}

export function clearPresence(): void {
  usePresence.setState({ byCase: new Map() });
}

/** The one the row names: someone replying before anyone only viewing. */
export function leadingViewer(viewers: readonly Viewer[] | undefined): { viewer: Viewer; others: number } | null {
  if (viewers === undefined || viewers.length === 0) return null;
  const viewer = viewers.find((v) => v.state === 'replying') ?? viewers[0];
  return { viewer, others: viewers.length - 1 };
}
