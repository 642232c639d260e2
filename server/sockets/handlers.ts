// The handlers of the desk's requests (`serverRequests`): mutate, sync.bootstrap, sync.pull,
// sync.reference, presence.set here; the supervisor statistics, citizen details and template
// management in their own files. Each is registered through `serve` (serve.ts), which parses
// its arguments with the map's schema and acks its value or a coded error.
import { maskCase } from '../../shared/domain';
import type { Logger } from 'pino';
import { CodedError } from '../../shared/errors';
import type { ChangesEvent, PresenceEvent, ReferenceData } from '../../shared/protocol';
import { PRESENCE_TTL_MS, rooms } from '../../shared/protocol';
import { canSeeAgency } from '../auth/visibility';
import { applyMutation } from '../mutations/handle';
import { caseAgency } from '../store/cases';
import type { Store } from '../store/db';
import { agencyCounts, pullChanges } from '../store/feed';
import { CLOSED_RETENTION_MS } from '../../shared/protocol';
import type { SyncFaults } from './sync-faults';
import { listAgencies, listSlaPoliciesOf, listStaffOf, listTemplatesOf } from '../store/reference';
import { bootstrapPage } from './bootstrap';
import { registerCitizenDetails } from './citizen-details';
import { registerStatsHandlers } from './stats';
import { registerTemplateHandlers } from './templates';
import type { Serve } from './serve';
import { currentStaff } from './session-watch';
import type { DeskSocket } from './types';
import type { OnlineStaff } from '../supervision/auto-assign';
import { registerSupervisionHandlers } from './supervision';
import { registerMassHandlers } from './mass';

export type HandlerDeps = {
  store: Store;
  logger: Logger;
  serve: Serve;
  broadcast(events: readonly ChangesEvent[]): void;
  /** reference data of an agency (null: every agency) changed: its desks fetch it again */
  referenceChanged(agencyId: string | null): void;
  /** a test hook (sync-faults.ts); does nothing unless configured */
  syncFaults: SyncFaults;
  /** staff with a desk connected to an agency and not away (auto-assignment) */
  onlineStaff: OnlineStaff;
  /** staff with a desk connected to an agency, online or away (the board's marks) */
  deskPresence(agencyId: string): Promise<ReadonlyMap<string, 'online' | 'away'>>;
};

function requireAgency(socket: DeskSocket, agencyId: string): void {
  if (!canSeeAgency(socket.data.staff, agencyId)) {
    throw new CodedError('forbidden', `you may not see ${agencyId}`, { agencyId });
  }
}

export function registerHandlers(socket: DeskSocket, deps: HandlerDeps): void {
  const { store, serve } = deps;
  const staff = socket.data.staff;

  serve('mutate', async (envelope) => {
    // the session may have ended since the handshake (deactivated, password reset, role changed)
    const current = await currentStaff(store.db, socket, Date.now());
    if (current === undefined) {
      setImmediate(() => socket.disconnect(true));
      throw new CodedError('unauthorized', 'the session has ended; sign in again');
    }
    const outcome = await applyMutation(store, current, envelope, 'desk', Date.now(), deps.logger, deps.onlineStaff);
    deps.broadcast(outcome.events);
    if (!outcome.ack.ok) throw CodedError.from(outcome.ack.error);
    return { ...outcome.ack.value, cases: outcome.ack.value.cases.map(maskCase) };
  });

  serve('sync.bootstrap', async (request) => {
    requireAgency(socket, request.agencyId);
    await deps.syncFaults.beforeBootstrapPage(request.agencyId);
    return bootstrapPage(store.db, request, Date.now());
  });

  serve('sync.counts', async () => {
    const closedSince = Date.now() - CLOSED_RETENTION_MS;
    return { closedSince, agencies: await agencyCounts(store.db, socket.data.roomAgencyIds, closedSince) };
  });

  serve('sync.pull', async (request) => {
    requireAgency(socket, request.agencyId);
    return pullChanges(store.db, request.agencyId, request.afterSeq, request.limit);
  });

  serve('sync.reference', async (): Promise<ReferenceData> => {
    const visible = socket.data.visible;
    const agencies = await listAgencies(store.db);
    return {
      self: staff,
      agencies,
      staff: await listStaffOf(store.db, visible),
      templates: await listTemplatesOf(store.db, visible),
      slaPolicies: await listSlaPoliciesOf(store.db, visible),
      visibleAgencyIds: visible === 'all' ? agencies.map((a) => a.id) : [...visible],
    };
  });

  serve('presence.set', async (request) => {
    const agencyId = await caseAgency(store.db, request.caseId);
    if (agencyId === undefined || !canSeeAgency(staff, agencyId)) {
      throw new CodedError('not_found', `no case ${request.caseId}`, { caseId: request.caseId });
    }
    if (request.state === null) socket.data.presence.delete(request.caseId);
    else socket.data.presence.set(request.caseId, agencyId);
    socket.to(rooms.agency(agencyId)).emit('presence', presenceEvent(socket, request.caseId, request.state));
    return null;
  });

  serve('presence.setAway', (request) => {
    socket.data.away = request.away;
    return Promise.resolve(null);
  });

  registerStatsHandlers(socket, deps);
  registerSupervisionHandlers(socket, deps);
  registerCitizenDetails(socket, deps);
  registerTemplateHandlers(socket, deps);
  registerMassHandlers(socket, deps);

  socket.on('disconnect', () => {
    for (const [caseId, agencyId] of socket.data.presence) {
      socket.to(rooms.agency(agencyId)).emit('presence', presenceEvent(socket, caseId, null));
    }
    socket.data.presence.clear();
  });
}

function presenceEvent(socket: DeskSocket, caseId: string, state: PresenceEvent['state']): PresenceEvent {
  const staff = socket.data.staff;
  return { caseId, staffId: staff.id, displayName: staff.displayName, state, expiresAt: Date.now() + PRESENCE_TTL_MS };
}
