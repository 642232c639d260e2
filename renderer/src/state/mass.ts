// The supervisor's mass-complaint groups (`massGroups.list`): which groups there are, the one
// chosen with j/k, and each group's open case ids when an action needs them. Refreshed when
// cases change: a group changes only with its members (a new member carries its massGroupId,
// an answer changes a status), and those come through the changes feed to every desk.
import { create } from 'zustand';
import { may } from '../../../shared/capabilities';
import type { Staff } from '../../../shared/domain';
import type { MassGroup } from '../../../shared/mass';
import { MAX_BULK_CASES } from '../../../shared/mutations';
import { desk } from '../desk/client';
import { useSession } from './session';

type MassState = {
  groups: MassGroup[];
  selectedIndex: number;
  loading: boolean;
  /** the last load failed (offline, refused): the list shows what it had */
  failed: boolean;
  asOf: number | null;
};

export const useMass = create<MassState>(() => ({ groups: [], selectedIndex: 0, loading: false, failed: false, asOf: null }));

/** Supervisors and admins (the capability table; the server refuses everyone else). */
export function mayUseMass(staff: Staff | null): boolean {
  return may(staff, 'screen.mass');
}

export async function loadMassGroups(): Promise<void> {
  if (!mayUseMass(useSession.getState().staff)) return;
  useMass.setState({ loading: true });
  try {
    const { groups, asOf } = await desk()['massGroups.list']({});
    const selected = useMass.getState().groups[useMass.getState().selectedIndex]?.id;
    const keep = groups.findIndex((g) => g.id === selected);
    const selectedIndex = keep >= 0 ? keep : Math.min(useMass.getState().selectedIndex, Math.max(0, groups.length - 1));
    useMass.setState({ groups, asOf, selectedIndex, failed: false });
  } catch {
    useMass.setState({ failed: true });
  } finally {
    useMass.setState({ loading: false });
  }
}

const REFRESH_GAP_MS = 1_000;
let refreshTimer: ReturnType<typeof setTimeout> | null = null;

/** Live changes reload the groups at most once a second: a burst of arrivals costs one request. */
export function refreshMassSoon(): void {
  if (!mayUseMass(useSession.getState().staff)) return;
  refreshTimer ??= setTimeout(() => {
    refreshTimer = null;
    void loadMassGroups();
  }, REFRESH_GAP_MS);
}

export function moveMassSelection(delta: number): void {
  const { groups, selectedIndex } = useMass.getState();
  if (groups.length === 0) return;
  useMass.setState({ selectedIndex: Math.max(0, Math.min(groups.length - 1, selectedIndex + delta)) });
}

export function selectedGroup(): MassGroup | undefined {
  const { groups, selectedIndex } = useMass.getState();
  return groups[selectedIndex];
}

/** Selects a group by id (from a member case's header); false when it is not listed. */
export function selectGroup(groupId: string): boolean {
  const index = useMass.getState().groups.findIndex((g) => g.id === groupId);
  if (index >= 0) useMass.setState({ selectedIndex: index });
  return index >= 0;
}

/** The group's open cases as this desk holds them, page by page (ids only), up to the bulk limit. */
export async function openCaseIdsOf(groupId: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const page: { rows: { id: string }[]; nextCursor: string | null } = await desk()['cases.page']({ view: 'inbox', filter: { massGroupId: groupId }, after, limit: 500 });
    for (const row of page.rows) ids.push(row.id);
    after = page.nextCursor;
  } while (after !== null && ids.length < MAX_BULK_CASES);
  return ids.slice(0, MAX_BULK_CASES);
}
