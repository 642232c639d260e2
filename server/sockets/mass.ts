// `massGroups.list`: the mass-complaint groups a supervisor answers (their agency's; an
// admin's, every agency's). Anyone else is refused with `forbidden`, as for the board; asking
// for an agency one may not see is refused, never silently narrowed.
import { DENIAL_MESSAGES, capability } from '../../shared/capabilities';
import { CodedError } from '../../shared/errors';
import type { MassGroupsResult } from '../../shared/mass';
import { canSeeAgency } from '../auth/visibility';
import { listGroups } from '../store/mass';
import type { HandlerDeps } from './handlers';
import { currentStaff } from './session-watch';
import type { DeskSocket } from './types';

export function registerMassHandlers(socket: DeskSocket, deps: Pick<HandlerDeps, 'store' | 'serve'>): void {
  const { store, serve } = deps;

  serve('massGroups.list', async (request): Promise<MassGroupsResult> => {
    const now = Date.now();
    // the role as it is now: a supervisor demoted since the handshake is refused at once
    const staff = (await currentStaff(store.db, socket, now)) ?? null;
    const verdict = capability(staff, 'screen.mass');
    if (!verdict.allowed || staff === null) throw new CodedError('forbidden', DENIAL_MESSAGES[verdict.allowed ? 'inactive' : verdict.reason], { action: 'screen.mass' });
    const asked = request.agencyIds ?? socket.data.roomAgencyIds;
    for (const agencyId of asked) {
      if (!canSeeAgency(staff, agencyId)) throw new CodedError('forbidden', `you may not see ${agencyId}`, { agencyId });
    }
    return { asOf: now, groups: await listGroups(store.db, [...new Set(asked)], request.includeAnswered) };
  });
}
