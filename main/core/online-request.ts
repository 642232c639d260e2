// Requests that only the case server can answer (statistics, a citizen's unmasked details):
// nothing of them is cached, so offline they fail at once with code `offline` instead of
// waiting out a timeout or answering from stale data.
import { CodedError } from '../../shared/errors';
import type { ServerRequest, ServerRequestArgs, ServerRequestResult } from '../../shared/protocol';
import type { LiveSession } from './live-session';

function offline(what: string, reason: string): CodedError {
  return new CodedError(
    'offline',
    `${what} needs the case server, and the desk is offline (${reason}); try again once it reconnects`,
    { reason },
  );
}

export async function onlineRequest<R extends ServerRequest>(
  live: LiveSession,
  name: R,
  args: ServerRequestArgs<R>,
  what: string,
): Promise<ServerRequestResult<R>> {
  if (!live.engine.isConnected()) throw offline(what, 'not connected');
  const outcome = await live.engine.request(name, args);
  if (outcome.kind === 'unsent') throw offline(what, outcome.reason);
  if (outcome.kind === 'error') throw CodedError.from(outcome.error);
  return outcome.value;
}
