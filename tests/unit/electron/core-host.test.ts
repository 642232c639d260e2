import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

class FakeUtilityProcess extends EventEmitter {
  posted: unknown[] = [];
  killed = false;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
}
const forked: { path: string; args: string[]; child: FakeUtilityProcess }[] = [];

vi.mock('electron', () => ({
  utilityProcess: {
    fork: (path: string, args: string[]) => {
      const child = new FakeUtilityProcess();
      forked.push({ path, args, child });
      return child;
    },
  },
}));

const { startCoreProcess } = await import('../../../main/shell/core-host');
const { readFrame } = await import('../../../shared/rpc');
const { readParentMessage } = await import('../../../main/core/parent-message');

const DEVICE_KEY = Buffer.alloc(32, 0xc3);

function start() {
  const events: [string, unknown][] = [];
  const exits: number[] = [];
  const core = startCoreProcess({
    entryPath: '/app/out/main/core-process.js',
    dataDir: '/data',
    deviceKey: DEVICE_KEY,
    defaultServerUrl: 'http://127.0.0.1:4610',
    onEvent: (event, payload) => events.push([event, payload]),
    onExit: (code) => exits.push(code),
  });
  return { core, child: forked.at(-1)!.child, events, exits };
}

describe('the core process host', () => {
  it('forks the core off the main process with its data folder and server', () => {
    start();
    expect(forked.at(-1)!.path).toBe('/app/out/main/core-process.js');
    expect(forked.at(-1)!.args).toEqual(['--data-dir', '/data', '--server-url', 'http://127.0.0.1:4610']);
  });

  it('hands the device key to the core in its first message, never on the command line', () => {
    const { child } = start();
    expect(child.posted[0]).toEqual({ type: 'unlock', deviceKey: 'c3'.repeat(32) });
    expect(readParentMessage(child.posted[0])).toEqual({ type: 'unlock', deviceKey: 'c3'.repeat(32) });
    expect(forked.at(-1)!.args.join(' ')).not.toContain('c3c3');
  });

  it('the core reads only an unlock with a 32-byte hex key or a numbered call from its parent', () => {
    expect(readParentMessage({ type: 'unlock', deviceKey: 'zz'.repeat(32) })).toBeNull();
    expect(readParentMessage({ type: 'unlock', deviceKey: 'c3'.repeat(16) })).toBeNull();
    expect(readParentMessage({ type: 'call', id: '1', method: 'sync.status' })).toBeNull();
    expect(readParentMessage({ type: 'call', id: 4, method: 'sync.status', args: {} })).toEqual({ type: 'call', id: 4, method: 'sync.status', args: {} });
    expect(readParentMessage('unlock')).toBeNull();
  });

  it('matches replies to calls by id, whatever order they come back in', async () => {
    const { core, child } = start();
    const first = core.call('session.current', {});
    const second = core.call('sync.status', {});
    const [, a, b] = child.posted as { id: number; method: string }[];
    expect(a.method).toBe('session.current');
    child.emit('message', { type: 'reply', id: b.id, reply: { ok: true, value: 'second' } });
    child.emit('message', { type: 'reply', id: a.id, reply: { ok: true, value: 'first' } });
    expect(await first).toEqual({ ok: true, value: 'first' });
    expect(await second).toEqual({ ok: true, value: 'second' });
  });

  it('relays events and ignores malformed messages', () => {
    const { child, events } = start();
    child.emit('message', { type: 'event', event: 'sync.status', payload: { state: 'online' } });
    child.emit('message', 'garbage');
    child.emit('message', { type: 'reply', id: 'x' });
    expect(events).toEqual([['sync.status', { state: 'online' }]]);
  });

  it('fails pending and later calls clearly when the core exits', async () => {
    const { core, child, exits } = start();
    const pending = core.call('session.current', {});
    child.emit('exit', 3);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'core_stopped' } });
    expect(await core.call('sync.status', {})).toMatchObject({ ok: false, error: { code: 'core_stopped' } });
    expect(exits).toEqual([3]);
  });

  it('keeps only well-formed error replies, with a code of the closed list', async () => {
    expect(readFrame({ type: 'reply', id: 1, reply: { ok: false, error: { code: 'not_found', message: 'y' } } })).toEqual({
      type: 'reply',
      id: 1,
      reply: { ok: false, error: { code: 'not_found', message: 'y' } },
    });
    expect(readFrame({ type: 'reply', id: 1, reply: { ok: false, error: 'nope' } })).toBeNull();
    expect(readFrame({ type: 'reply', id: 1, reply: { ok: false, error: { code: 'made_up', message: 'y' } } })).toBeNull();
    // a malformed reply never settles the call it names
    const { core, child } = start();
    const pending = core.call('sync.status', {});
    const call = child.posted[1] as { id: number };
    child.emit('message', { type: 'reply', id: call.id, reply: { ok: false, error: 'nope' } });
    child.emit('message', { type: 'reply', id: call.id, reply: { ok: true, value: 'late but well-formed' } });
    expect(await pending).toEqual({ ok: true, value: 'late but well-formed' });
  });
});
