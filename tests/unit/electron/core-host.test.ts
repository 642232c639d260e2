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

const { readCoreMessage, startCoreProcess } = await import('../../../main/shell/core-host');

function start() {
  const events: [string, unknown][] = [];
  const exits: number[] = [];
  const core = startCoreProcess({
    entryPath: '/app/out/main/core-process.js',
    dataDir: '/data',
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

  it('matches replies to calls by id, whatever order they come back in', async () => {
    const { core, child } = start();
    const first = core.call('session.current', {});
    const second = core.call('sync.status', {});
    const [a, b] = child.posted as { id: number; method: string }[];
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

  it('keeps only well-formed error replies', () => {
    expect(readCoreMessage({ type: 'reply', id: 1, reply: { ok: false, error: { code: 'x', message: 'y' } } })).toEqual({
      type: 'reply',
      id: 1,
      reply: { ok: false, error: { code: 'x', message: 'y' } },
    });
    expect(readCoreMessage({ type: 'reply', id: 1, reply: { ok: false, error: 'nope' } })).toBeNull();
  });
});
