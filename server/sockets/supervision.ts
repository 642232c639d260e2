// The supervisor's settings over Socket.IO: `supervision.state` (who is online, who is on
// leave, each agency's auto-assignment), `supervision.setLeave` and `supervision.setAutoAssign`.
// Supervisors act on their own agency, admins on any; everyone else is refused. Each change is
// one transaction with an audit row.
import { DENIAL_MESSAGES, capability } from '../../shared/capabilities';
import type { Staff } from '../../shared/domain';
import type { AutoAssignSetting } from '../../shared/protocol';
import type { AgentState, SupervisionState } from '../../shared/supervision';
import { canSeeAgency } from '../auth/visibility';
import { nextId } from '../ids';
import { MutationRefused } from '../mutations/errors';
import type { Tx } from '../store/db';
import { findStaffById } from '../store/reference';
import { autoAssignModes, leavesOf, setAutoAssignMode, setLeave } from '../store/supervision';
import type { HandlerDeps } from './handlers';
import { currentStaff } from './session-watch';
import type { DeskSocket } from './types';

/** Refuses anyone but a supervisor of `agencyId` or an admin (the capability table's rule). */
function authoriseManager(staff: Staff): void {
  const allowed = capability(staff, 'supervision.manage');
  if (!allowed.allowed) throw new MutationRefused('forbidden', DENIAL_MESSAGES[allowed.reason], { reason: allowed.reason });
}

export function authoriseSupervision(staff: Staff, agencyId: string): void {
  authoriseManager(staff);
  if (!canSeeAgency(staff, agencyId)) throw new MutationRefused('forbidden', `you may not supervise ${agencyId}`, { agencyId });
}

async function audit(tx: Tx, actor: Staff, action: string, detail: object, now: number): Promise<void> {
  await tx
    .insertInto('audit')
    .values({ id: nextId(now), staff_id: actor.id, at: now, client: 'desk', action, case_id: null, detail: JSON.stringify(detail) })
    .execute();
}

/** The acting person as the database has them now (a role changed since the handshake counts). */
async function actorOf(socket: DeskSocket, deps: Pick<HandlerDeps, 'store'>): Promise<Staff> {
  const current = await currentStaff(deps.store.db, socket, Date.now());
  if (current === undefined) throw new MutationRefused('unauthorized', 'the session has ended; sign in again');
  return current;
}

export function registerSupervisionHandlers(socket: DeskSocket, deps: Pick<HandlerDeps, 'store' | 'serve' | 'deskPresence'>): void {
  const { store, serve } = deps;

  serve('supervision.state', async (request): Promise<SupervisionState> => {
    const staff = socket.data.staff;
    authoriseManager(staff);
    const agencyIds = request.agencyIds ?? (staff.agencyId === null ? [] : [staff.agencyId]);
    for (const agencyId of agencyIds) authoriseSupervision(staff, agencyId);
    const now = Date.now();
    const [leaves, modes, online] = await Promise.all([
      leavesOf(store.db, agencyIds),
      autoAssignModes(store.db, agencyIds),
      Promise.all(agencyIds.map((id) => deps.deskPresence(id))),
    ]);
    const presence = new Map(online.flatMap((map) => [...map]));
    const staffRows = await store.db.selectFrom('staff').select('id').where('agency_id', 'in', agencyIds.length === 0 ? [''] : agencyIds).execute();
    return {
      asOf: now,
      autoAssign: agencyIds.map((agencyId) => ({ agencyId, mode: modes.get(agencyId) ?? 'off' })),
      agents: staffRows.map((r) => ({ staffId: r.id, online: presence.get(r.id) === 'online', away: presence.get(r.id) === 'away', leave: leaves.get(r.id) ?? null })),
    };
  });

  serve('supervision.setLeave', async (request): Promise<AgentState> => {
    const actor = await actorOf(socket, deps);
    const person = await findStaffById(store.db, request.staffId);
    if (person?.agencyId == null || (person.role !== 'agent' && person.role !== 'supervisor')) {
      throw new MutationRefused('not_found', `no agent ${request.staffId}`, { staffId: request.staffId });
    }
    authoriseSupervision(actor, person.agencyId);
    const now = Date.now();
    await store.transaction(async (tx) => {
      await setLeave(tx, person.id, person.agencyId ?? '', request.leave, actor.id, now);
      await audit(tx, actor, request.leave === null ? 'staff.endLeave' : 'staff.setLeave', { staffId: person.id, leave: request.leave }, now);
    });
    const presence = (await deps.deskPresence(person.agencyId)).get(person.id);
    return { staffId: person.id, online: presence === 'online', away: presence === 'away', leave: request.leave };
  });

  serve('supervision.setAutoAssign', async (request): Promise<AutoAssignSetting> => {
    const actor = await actorOf(socket, deps);
    authoriseSupervision(actor, request.agencyId);
    const now = Date.now();
    await store.transaction(async (tx) => {
      await setAutoAssignMode(tx, request.agencyId, request.mode, actor.id, now);
      await audit(tx, actor, 'agency.setAutoAssign', request, now);
    });
    return { agencyId: request.agencyId, mode: request.mode };
  });
}
