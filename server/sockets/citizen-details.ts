// `case.citizenDetails`: the unmasked citizen of a case. Every other answer of the server
// carries ID and phone numbers masked; opening the details is a deliberate act, so each one
// leaves an audit row (who, when, from which client, which case) written before the details are
// handed out. `case.lookupCitizen`: the cases of a caller by number (the call centre's "who is
// this caller"), since a desk can no longer match a number against its masked cache; audited
// the same way, with the number and how many cases were found.
import { nextId } from '../ids';
import type { CitizenDetails, CitizenLookupResult } from '../../shared/protocol';
import { CITIZEN_LOOKUP_LIMIT } from '../../shared/protocol';
import { canSeeAgency } from '../auth/visibility';
import { CodedError } from '../../shared/errors';
import { caseIdsOfCitizenNumber, loadCase } from '../store/cases';
import type { HandlerDeps } from './handlers';
import type { DeskSocket } from './types';

/** What the audit row says about the client: the desk's address and user agent. */
function clientOf(socket: DeskSocket): string {
  const agent = socket.handshake.headers['user-agent'];
  return JSON.stringify({
    socketId: socket.id,
    address: socket.handshake.address,
    ...(typeof agent === 'string' ? { userAgent: agent.slice(0, 200) } : {}),
  });
}

export function registerCitizenDetails(socket: DeskSocket, deps: Pick<HandlerDeps, 'store' | 'serve'>): void {
  const { store, serve } = deps;
  const staff = socket.data.staff;

  serve('case.citizenDetails', async (request): Promise<CitizenDetails> => {
    const found = await loadCase(store.db, request.caseId);
    if (found === undefined || !canSeeAgency(staff, found.agencyId)) {
      throw new CodedError('not_found', `no case ${request.caseId}`, { caseId: request.caseId });
    }
    const now = Date.now();
    await store.db
      .insertInto('audit')
      .values({ id: nextId(now), staff_id: staff.id, at: now, client: 'desk', action: 'case.citizenDetails', case_id: found.id, detail: clientOf(socket) })
      .execute();
    return { caseId: found.id, ref: found.ref, citizen: found.citizen };
  });

  serve('case.lookupCitizen', async (request): Promise<CitizenLookupResult> => {
    const caseIds = await caseIdsOfCitizenNumber(store.db, request.number, socket.data.visible, CITIZEN_LOOKUP_LIMIT);
    const now = Date.now();
    const detail = JSON.stringify({ ...(JSON.parse(clientOf(socket)) as object), number: request.number, found: caseIds.length });
    await store.db
      .insertInto('audit')
      .values({ id: nextId(now), staff_id: staff.id, at: now, client: 'desk', action: 'case.lookupCitizen', case_id: null, detail })
      .execute();
    return { caseIds };
  });
}
