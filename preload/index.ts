// The preload exposes exactly one global, `window.desk`, with two functions: a call to a
// DeskApi method and a subscription to its events. No ipcRenderer, no Node, nothing raw. The
// main process's dispatcher (main/shell/ipc.ts) refuses unknown methods and parses arguments.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { isDeskEvent } from '../shared/desk-api';
import { DESK_CALL_CHANNEL, DESK_EVENT_CHANNEL } from '../shared/desk-bridge';
import type { Reply } from '../shared/rpc';

export type DeskBridge = {
  invoke: (method: string, args: unknown) => Promise<Reply>;
  subscribe: (listener: (event: string, payload: unknown) => void) => () => void;
};

export const deskBridge: DeskBridge = {
  // the renderer's client parses the reply with the method's result schema
  invoke: async (method, args) => (await ipcRenderer.invoke(DESK_CALL_CHANNEL, String(method), args)) as Reply,
  subscribe: (listener) => {
    if (typeof listener !== 'function') throw new TypeError('subscribe takes a function');
    const relay = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (isDeskEvent(name)) listener(name, payload);
    };
    ipcRenderer.on(DESK_EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(DESK_EVENT_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('desk', deskBridge);
