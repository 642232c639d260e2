// A stand-in for the `electron` module: the binary cannot be installed on the machines this
// team builds on, so the shell's settings are proven against this recorder instead.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: unknown[][] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  /** emits like Electron: returns whether a listener called preventDefault */
  emitNavigation(name: string, url: string): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loadedFile: string | null = null;
  loadedUrl: string | null = null;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadFile(path: string): Promise<void> {
    this.loadedFile = path;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {}
}

export const shell = { openExternal: vi.fn(() => Promise.resolve()) };

export const ipcRenderer = {
  invoke: vi.fn(() => Promise.resolve({ ok: true, value: null })),
  on: vi.fn(),
  removeListener: vi.fn(),
};

export const contextBridge = { exposeInMainWorld: vi.fn() };

export function fakeSession() {
  const session = {
    permissionRequest: null as null | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
    permissionCheck: null as null | ((...a: unknown[]) => boolean),
    headersListener: null as null | ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void),
    setPermissionRequestHandler(h: (c: unknown, p: string, cb: (ok: boolean) => void) => void) {
      session.permissionRequest = h;
    },
    setPermissionCheckHandler(h: (...a: unknown[]) => boolean) {
      session.permissionCheck = h;
    },
    webRequest: {
      onHeadersReceived(h: (d: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) {
        session.headersListener = h;
      },
    },
  };
  return session;
}
