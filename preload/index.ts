// The preload exposes exactly one global, `window.desk`, with two functions: a call to a
// DeskApi method and a subscription to its events. No ipcRenderer, no Node, nothing raw.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { isDeskEvent, isDeskMethod } from '../shared/desk-api';
import type { DeskReply } from '../shared/desk-api';
import { DESK_CALL_CHANNEL, DESK_EVENT_CHANNEL } from '../shared/desk-bridge';


export type DeskBridge = {
  invoke: (method: string, args: unknown) => Promise<DeskReply>;
  subscribe: (listener: (event: string, payload: unknown) => void) => () => void;
};

export const deskBridge: DeskBridge = {
  invoke: async (method, args) => {
    if (!isDeskMethod(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `no such desk method: ${String(method)}` } };
    }
    return (await ipcRenderer.invoke(DESK_CALL_CHANNEL, method, args)) as DeskReply;
  },
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
