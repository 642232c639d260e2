// The main-process end of the DeskApi bridge: ONE handler for every method, derived from
// the contract. It checks who is calling and parses the call before relaying it to the core.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { deskMethods, isDeskMethod } from '../../shared/desk-api';
import type { DeskMethod, DeskReply } from '../../shared/desk-api';
import { DESK_CALL_CHANNEL, DESK_EVENT_CHANNEL } from '../../shared/desk-bridge';

export { DESK_CALL_CHANNEL, DESK_EVENT_CHANNEL };

export type DeskRelay = (method: DeskMethod, args: unknown) => Promise<DeskReply>;

/**
 * Registers the one `desk:call` handler. `isTrustedSender` decides whether the frame that
 * sent the call is the app's own page; anything else is refused before parsing.
 */
export function registerDeskIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  relay: DeskRelay,
): () => void {
  ipcMain.handle(DESK_CALL_CHANNEL, async (event, method: unknown, args: unknown): Promise<DeskReply> => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'forbidden', message: 'calls are accepted from the app window only' } };
    }
    if (!isDeskMethod(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `no such desk method: ${String(method)}` } };
    }
    const parsed = deskMethods[method].args.safeParse(args ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid_args', message: `${method}: ${parsed.error.issues[0]?.message ?? 'invalid'}` } };
    }
    return relay(method, parsed.data);
  });
  return () => ipcMain.removeHandler(DESK_CALL_CHANNEL);
}
