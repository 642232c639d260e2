import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fake = await import('./electron-fake');
  return { contextBridge: fake.contextBridge, ipcRenderer: fake.ipcRenderer };
});

const fake = await import('./electron-fake');
const { deskBridge } = await import('../../../preload/index');
const { DESK_CALL_CHANNEL, DESK_EVENT_CHANNEL } = await import('../../../shared/desk-bridge');

describe('the preload bridge', () => {
  beforeEach(() => {
    fake.ipcRenderer.invoke.mockClear();
    fake.ipcRenderer.on.mockClear();
  });

  it('exposes one global, window.desk, with a call and a subscription only', () => {
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = fake.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, object];
    expect(name).toBe('desk');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'subscribe']);
  });

  it('forwards calls over the one channel, where the main process’s dispatcher answers them', async () => {
    await deskBridge.invoke('session.current', {});
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(DESK_CALL_CHANNEL, 'session.current', {});
    fake.ipcRenderer.invoke.mockClear();
    // the name goes as a string only: nothing of the page's objects crosses as a method name
    await deskBridge.invoke({ toString: () => 'shell.exec' } as unknown as string, {});
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(DESK_CALL_CHANNEL, 'shell.exec', {});
  });

  it('passes on only declared events, and can unsubscribe', () => {
    const listener = vi.fn();
    const unsubscribe = deskBridge.subscribe(listener);
    const [channel, relay] = fake.ipcRenderer.on.mock.calls[0] as unknown as [string, (e: unknown, n: unknown, p: unknown) => void];
    expect(channel).toBe(DESK_EVENT_CHANNEL);
    relay({}, 'sync.status', { state: 'online' });
    relay({}, 'evil.event', { x: 1 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith('sync.status', { state: 'online' });
    unsubscribe();
    expect(fake.ipcRenderer.removeListener).toHaveBeenCalledWith(DESK_EVENT_CHANNEL, relay);
  });
});
