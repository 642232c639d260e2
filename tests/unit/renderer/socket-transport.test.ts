// The browser host's transport against a real WebSocket server over loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import type { Frame } from '../../../shared/rpc';
import { createDeskClient } from '../../../shared/desk-bridge';
import { createSocketTransport } from '../../../renderer/src/desk/socket-transport';
import type { HostConnection, SocketLike } from '../../../renderer/src/desk/socket-transport';
import { CodedError } from '../../../shared/errors';

type Host = { server: WebSocketServer; url: string; sockets: WebSocket[]; calls: Frame[] };

async function startHost(port = 0, answer = true): Promise<Host> {
  const server = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const host: Host = { server, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/desk`, sockets: [], calls: [] };
  server.on('connection', (socket) => {
    host.sockets.push(socket);
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as Frame;
      host.calls.push(frame);
      if (frame.type !== 'call' || !answer) return;
      const reply: Frame = { type: 'reply', id: frame.id, reply: { ok: true, value: { state: 'online', progress: null, outboxSize: 2, lastError: null, lastSyncedAt: 5 } } };
      socket.send(JSON.stringify(reply));
    });
  });
  return host;
}

const stoppers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stoppers.splice(0)) await stop();
});

function stopHost(host: Host): Promise<void> {
  for (const socket of host.sockets) socket.terminate();
  return new Promise((resolve) => host.server.close(() => resolve()));
}

const openSocket = (url: string) => new WebSocket(url) as unknown as SocketLike;

describe('the WebSocket desk transport', () => {
  it('queues calls made while connecting, then carries them and parses the replies', async () => {
    const host = await startHost();
    stoppers.push(() => stopHost(host));
    const transport = createSocketTransport({ url: host.url, openSocket });
    stoppers.push(() => Promise.resolve(transport.close()));
    const client = createDeskClient(transport);
    const status = await client['sync.status']();
    expect(status.outboxSize).toBe(2);
    expect(host.calls[0]).toMatchObject({ type: 'call', method: 'sync.status' });
  });

  it('delivers pushed events to subscribers, parsed', async () => {
    const host = await startHost();
    stoppers.push(() => stopHost(host));
    const transport = createSocketTransport({ url: host.url, openSocket });
    stoppers.push(() => Promise.resolve(transport.close()));
    const client = createDeskClient(transport);
    await client['sync.status']();
    const received = new Promise<string[]>((resolve) => client.on('cases.changed', (e) => resolve(e.caseIds)));
    host.sockets[0]?.send(JSON.stringify({ type: 'event', event: 'cases.changed', payload: { caseIds: ['a', 'b'], all: false } }));
    expect(await received).toEqual(['a', 'b']);
  });

  it('fails waiting calls with host_unreachable when the socket drops, then reconnects and asks for a refresh', async () => {
    const silent = await startHost(0, false);
    const port = (silent.server.address() as AddressInfo).port;
    const states: HostConnection[] = [];
    const transport = createSocketTransport({ url: silent.url, openSocket, baseDelayMs: 20, maxDelayMs: 50, onConnection: (s) => states.push(s) });
    stoppers.push(() => Promise.resolve(transport.close()));
    const client = createDeskClient(transport);
    const pending = client['sync.status']();
    while (silent.calls.length === 0) await new Promise((r) => setTimeout(r, 5));
    await stopHost(silent);
    const failure = await pending.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CodedError);
    expect((failure as CodedError).code).toBe('host_unreachable');

    const refreshed = new Promise<boolean>((resolve) => client.on('cases.changed', (e) => resolve(e.all)));
    const again = await startHost(port);
    stoppers.push(() => stopHost(again));
    expect(await refreshed).toBe(true);
    expect((await client['sync.status']()).state).toBe('online');
    expect(states).toContain('closed');
    expect(states[states.length - 1]).toBe('open');
  });

  it('refuses calls after it was closed on purpose', async () => {
    const host = await startHost();
    stoppers.push(() => stopHost(host));
    const transport = createSocketTransport({ url: host.url, openSocket });
    transport.close();
    const reply = await transport.invoke('sync.status', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'host_unreachable' } });
  });
});
