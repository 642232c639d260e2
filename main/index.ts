// The Electron main process: app lifecycle, the window, the IPC relay and the updater. All
// desk logic runs in the core process (core-process.ts); this file stays thin.
import { join } from 'node:path';
import type { BrowserWindow} from 'electron';
import { Notification, app, ipcMain, safeStorage, session } from 'electron';
import { autoUpdater } from 'electron-updater';
import { appOrigin, createMainWindow } from './shell/window';
import { hardenSession, hardenWebContents, isAppUrl } from './shell/security';
import { DESK_EVENT_CHANNEL, registerDeskIpc } from './shell/ipc';
import { startCoreProcess } from './shell/core-host';
import { describeAssignment } from './shell/notifications';
import { keychainSealer } from './shell/device-key';
import { loadOrReplaceDeviceKey } from './core/keys';

const DEFAULT_SERVER_URL = process.env.TAWASUL_SERVER_URL ?? 'http://127.0.0.1:4610';
const devServerUrl = process.env.ELECTRON_RENDERER_URL ?? null;
const origin = appOrigin(devServerUrl);

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origin));

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  let window: BrowserWindow | null = null;

  const dataDir = join(app.getPath('userData'), 'desk');
  const sealer = keychainSealer(safeStorage);
  if (sealer.weak) process.stderr.write(`Tawasul Desk: the cache key is kept in ${sealer.describe}; install a keyring for stronger protection\n`);
  const deviceKey = loadOrReplaceDeviceKey(join(dataDir, 'device-key'), sealer, {
    info: () => undefined,
    warn: () => undefined,
    error: (_o, message) => process.stderr.write(`Tawasul Desk: ${message ?? 'device key problem'}\n`),
  });

  const core = startCoreProcess({
    entryPath: join(import.meta.dirname, 'core-process.js'),
    dataDir,
    deviceKey,
    defaultServerUrl: DEFAULT_SERVER_URL,
    onEvent: (event, payload) => {
      window?.webContents.send(DESK_EVENT_CHANNEL, event, payload);
      const notice = event === 'case.assignedToMe' ? describeAssignment(payload) : null;
      if (notice !== null && Notification.isSupported()) {
        const notification = new Notification({ title: notice.title, body: notice.body });
        notification.on('click', () => {
          window?.show();
          window?.webContents.send(DESK_EVENT_CHANNEL, 'case.assignedToMe', payload);
        });
        notification.show();
      }
    },
    onExit: (code) => {
      if (code !== 0) app.exit(code);
    },
  });

  registerDeskIpc(
    ipcMain,
    (event) => window !== null && event.sender === window.webContents && isAppUrl(event.senderFrame?.url ?? '', origin),
    core.call,
  );

  window = await createMainWindow({
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    devServerUrl,
    indexHtmlPath: join(import.meta.dirname, '../renderer/index.html'),
  });
  window.on('closed', () => {
    window = null;
  });

  app.on('before-quit', () => core.stop());
  if (app.isPackaged) void autoUpdater.checkForUpdatesAndNotify().catch(() => undefined);
}

app.on('window-all-closed', () => app.quit());
app.whenReady().then(start).catch((error: unknown) => {
  process.stderr.write(`Tawasul Desk could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  app.exit(1);
});
