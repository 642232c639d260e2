// Picks how this renderer reaches the desk core: the Electron preload bridge when it exists,
// otherwise the browser host's WebSocket at `/desk` on the page's own origin.
import type { DeskEvent, DeskMethod } from '../../../shared/desk-api';
import type { DeskTransport } from '../../../shared/desk-bridge';
import { createSocketTransport } from './socket-transport';
import type { HostConnection } from './socket-transport';

export const SESSION_STORAGE_KEY = 'tawasul.deskSession';

/** A per-tab key so the browser host can keep this tab's desk session across reloads. */
export function deskSessionKey(storage: Storage): string {
  const existing = storage.getItem(SESSION_STORAGE_KEY);
  if (existing !== null && /^[0-9a-f]{32}$/.test(existing)) return existing;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const key = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  storage.setItem(SESSION_STORAGE_KEY, key);
  return key;
}

export function deskSocketUrl(location: Pick<Location, 'protocol' | 'host'>, sessionKey: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/desk?session=${sessionKey}`;
}

export function chooseTransport(onConnection: (state: HostConnection) => void): DeskTransport {
  const bridge = window.desk;
  if (bridge !== undefined) {
    onConnection('open');
    return {
      invoke: (method: DeskMethod, args: unknown) => bridge.invoke(method, args),
      subscribe: (listener) => bridge.subscribe((event, payload) => listener(event as DeskEvent, payload)),
    };
  }
  return createSocketTransport({
    url: deskSocketUrl(window.location, deskSessionKey(window.sessionStorage)),
    onConnection,
  });
}
