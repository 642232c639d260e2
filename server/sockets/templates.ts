// `templates.save` and `templates.archive`: a thin entry to the one write path
// (server/mutations/templates.ts). After the commit the desks that receive the pair are told
// `reference.changed` (an agency's room; national: everyone) and fetch reference data again.
import { CodedError } from '../../shared/errors';
import type { Staff } from '../../shared/domain';
import { applyTemplateChange } from '../mutations/templates';
import type { HandlerDeps } from './handlers';
import { currentStaff } from './session-watch';
import type { DeskSocket } from './types';

export function registerTemplateHandlers(socket: DeskSocket, deps: Pick<HandlerDeps, 'store' | 'serve' | 'referenceChanged'>): void {
  const { store, serve } = deps;

  /** the session may have ended since the handshake (deactivated, role changed) */
  async function actor(now: number): Promise<Staff> {
    const current = await currentStaff(store.db, socket, now);
    if (current === undefined) {
      setImmediate(() => socket.disconnect(true));
      throw new CodedError('unauthorized', 'the session has ended; sign in again');
    }
    return current;
  }

  serve('templates.save', async (request) => {
    const now = Date.now();
    const { pair, replayed } = await applyTemplateChange(store, await actor(now), { name: 'templates.save', request }, 'desk', now);
    if (!replayed) deps.referenceChanged(request.agencyId);
    return pair;
  });

  serve('templates.archive', async (request) => {
    const now = Date.now();
    const { pair, replayed } = await applyTemplateChange(store, await actor(now), { name: 'templates.archive', request }, 'desk', now);
    if (!replayed) deps.referenceChanged(request.agencyId);
    return pair;
  });
}
