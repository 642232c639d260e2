import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fake = await import('./electron-fake');
  return { BrowserWindow: fake.FakeBrowserWindow, shell: fake.shell };
});

const { createMainWindow } = await import('../../../main/shell/window');
const { FakeBrowserWindow, shell } = await import('./electron-fake');

describe('the main window', () => {
  beforeEach(() => {
    FakeBrowserWindow.created = [];
    shell.openExternal.mockClear();
  });

  it('isolates the renderer: context isolation, sandbox, no Node anywhere, no webviews', async () => {
    await createMainWindow({ preloadPath: '/app/preload/index.cjs', devServerUrl: null, indexHtmlPath: '/app/index.html' });
    expect(FakeBrowserWindow.created[0].options.webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('loads the built page', async () => {
    await createMainWindow({ preloadPath: '/p.cjs', devServerUrl: null, indexHtmlPath: '/app/index.html' });
    const window = FakeBrowserWindow.created[0];
    expect(window.loadedFile).toBe('/app/index.html');
  });

  it('blocks navigation away from the app but lets it move within itself', async () => {
    await createMainWindow({ preloadPath: '/p.cjs', devServerUrl: null, indexHtmlPath: '/app/index.html' });
    const contents = FakeBrowserWindow.created[0].webContents;
    expect(contents.emitNavigation('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(contents.emitNavigation('will-redirect', 'http://127.0.0.1:9999/')).toBe(true);
    expect(contents.emitNavigation('will-navigate', 'file:///app/index.html#/case/1')).toBe(false);
    expect(contents.emitNavigation('will-attach-webview', 'file:///x')).toBe(true);
  });

  it('with a dev server, only that origin counts as the app', async () => {
    await createMainWindow({ preloadPath: '/p.cjs', devServerUrl: 'http://localhost:5173/', indexHtmlPath: '' });
    const window = FakeBrowserWindow.created[0];
    expect(window.loadedUrl).toBe('http://localhost:5173/');
    expect(window.webContents.emitNavigation('will-navigate', 'http://localhost:5173/inbox')).toBe(false);
    expect(window.webContents.emitNavigation('will-navigate', 'http://localhost:5174/')).toBe(true);
    expect(window.webContents.emitNavigation('will-navigate', 'file:///etc/passwd')).toBe(true);
  });

  it('denies every new window, opening only allow-listed https links in the OS browser', async () => {
    await createMainWindow({ preloadPath: '/p.cjs', devServerUrl: null, indexHtmlPath: '/i.html' });
    const open = FakeBrowserWindow.created[0].webContents.windowOpenHandler!;
    expect(open({ url: 'https://www.tawasul.gov.bh/help' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.tawasul.gov.bh/help');
    shell.openExternal.mockClear();
    for (const url of ['http://www.tawasul.gov.bh/', 'https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});
