// Requests that only the case server can answer (statistics, a citizen's unmasked details):
// nothing of them is cached, so offline they fail at once with code `offline` instead of
// waiting out a timeout or answering from stale data.
import { DeskError } from '../../shared/desk-api';
import type { LiveSession } from './live-session';
import type { RequestName, RequestOutcome } from './sync/socket-request';

type OkValue<E extends RequestName> = Extract<RequestOutcome<E>, { kind: 'ok' }>['value'];

function offline(what: string, reason: string): DeskError {
  return new DeskError({
    code: 'offline',
    message: `${what} needs the case server, and the desk is offline (${reason}); try again once it reconnects`,
    params: { reason },
  });
}

export async function onlineRequest<E extends RequestName>(live: LiveSession, event: E, payload: unknown, what: string): Promise<OkValue<E>> {
  if (!live.engine.isConnected()) throw offline(what, 'not connected');
  const outcome = await live.engine.request(event, payload);
  if (outcome.kind === 'unsent') throw offline(what, outcome.reason);
  if (outcome.kind === 'error') throw new DeskError(outcome.error);
  return outcome.value;
}
