import { describe, expect, it, vi } from 'vitest';
import { registerDeskIpc, DESK_CALL_CHANNEL } from '../../../main/shell/ipc';
import type { Reply } from '../../../shared/rpc';

type Handler = (event: unknown, method: unknown, args: unknown) => Promise<Reply>;

function setUp(trusted: boolean) {
  let handler: Handler | null = null;
  const ipcMain = {
    handle: (channel: string, h: Handler) => {
      expect(channel).toBe(DESK_CALL_CHANNEL);
      handler = h;
    },
    removeHandler: vi.fn(),
  };
  const relay = vi.fn((method: string, args: unknown): Promise<Reply> => Promise.resolve({ ok: true, value: { method, args } }));
  const dispose = registerDeskIpc(ipcMain as never, () => trusted, relay);
  return { call: (method: unknown, args: unknown) => handler!({}, method, args), relay, dispose, ipcMain };
}

describe('the desk IPC relay', () => {
  it('refuses calls from a frame that is not the app page, before parsing anything', async () => {
    const { call, relay } = setUp(false);
    const reply = await call('session.current', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(relay).not.toHaveBeenCalled();
  });

  it('refuses unknown methods and malformed arguments without relaying them', async () => {
    const { call, relay } = setUp(true);
    expect(await call('fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await call('cases.get', { caseId: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await call('session.current', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(relay).not.toHaveBeenCalled();
  });

  it('relays a well-formed call with its parsed arguments (defaults filled)', async () => {
    const { call, relay } = setUp(true);
    const reply = await call('cases.page', { view: 'mine' });
    expect(reply.ok).toBe(true);
    expect(relay).toHaveBeenCalledWith('cases.page', { view: 'mine', filter: {}, after: null, limit: 100 });
  });

  it('can be unregistered', () => {
    const { dispose, ipcMain } = setUp(true);
    dispose();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(DESK_CALL_CHANNEL);
  });
});
