// The one application window. Its webPreferences are the security baseline of DESIGN.md:
// the renderer gets no Node, runs sandboxed, and sees only the preload's `window.desk`.
import { BrowserWindow } from 'electron';
import { hardenWebContents } from './security';

export type MainWindowOptions = {
  preloadPath: string;
  /** the dev server URL, or null to load the built files */
  devServerUrl: string | null;
  indexHtmlPath: string;
};

export function appOrigin(devServerUrl: string | null): string {
  return devServerUrl === null ? 'file://' : new URL(devServerUrl).origin;
}

export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Tawasul Desk',
    // Written out literally (not built by a helper) so static checkers such as
    // electronegativity see every setting.
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // middle-click would otherwise open links in a new window, bypassing the open handler
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  hardenWebContents(window.webContents, appOrigin(options.devServerUrl));
  window.once('ready-to-show', () => window.show());
  if (options.devServerUrl === null) await window.loadFile(options.indexHtmlPath);
  else await window.loadURL(options.devServerUrl);
  return window;
}
