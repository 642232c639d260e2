// The main-process end of the DeskApi bridge: ONE handler for every method. It checks who is
// calling, then the one RPC dispatcher (shared/rpc.ts) refuses unknown methods and parses the
// arguments before a call is relayed to the core.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { DESK_METHODS } from '../../shared/desk-api';
import type { DeskHandlers, DeskMethod } from '../../shared/desk-api';
import { createDeskDispatcher, DESK_CALL_CHANNEL, DESK_EVENT_CHANNEL } from '../../shared/desk-bridge';
import { CodedError } from '../../shared/errors';
import type { Reply } from '../../shared/rpc';

export { DESK_CALL_CHANNEL, DESK_EVENT_CHANNEL };

export type DeskRelay = (method: DeskMethod, args: unknown) => Promise<Reply>;

/** Handlers that pass each parsed call on to the core and its reply back, refusals included. */
function relayHandlers(relay: DeskRelay): DeskHandlers {
  const handlers: Partial<Record<DeskMethod, (args: unknown) => Promise<unknown>>> = {};
  for (const method of DESK_METHODS) {
    handlers[method] = async (args) => {
      const reply = await relay(method, args);
      if (!reply.ok) throw CodedError.from(reply.error);
      return reply.value;
    };
  }
  // one relay per method of the map, each returning whatever the core answered
  return handlers as DeskHandlers;
}

/**
 * Registers the one `desk:call` handler. `isTrustedSender` decides whether the frame that
 * sent the call is the app's own page; anything else is refused before parsing.
 */
export function registerDeskIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  relay: DeskRelay,
): () => void {
  const dispatch = createDeskDispatcher(relayHandlers(relay));
  ipcMain.handle(DESK_CALL_CHANNEL, async (event, method: unknown, args: unknown): Promise<Reply> => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'forbidden', message: 'calls are accepted from the app window only' } };
    }
    return dispatch(method, args);
  });
  return () => ipcMain.removeHandler(DESK_CALL_CHANNEL);
}
