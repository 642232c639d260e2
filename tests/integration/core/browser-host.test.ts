import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { startBrowserHost } from '../../../main/browser-host/index';
import type { BrowserHost } from '../../../main/browser-host/index';
import { contentSecurityPolicy } from '../../../main/browser-host/static-files';
import type { Frame } from '../../../shared/rpc';
import { BACKENDS, PASSWORD, eventually, startCaseServer, tempDir } from './helpers';
import type { ServerStore } from './helpers';

// the WebSocket bridge does not depend on the server's back end: SQLite only
let store: ServerStore;
let server: Awaited<ReturnType<typeof startCaseServer>>;
let host: BrowserHost;
const dirs: ReturnType<typeof tempDir>[] = [];
const sockets: WebSocket[] = [];

function dir(prefix: string): string {
  const d = tempDir(prefix);
  dirs.push(d);
  return d.dir;
}

type Page = { socket: WebSocket; frames: Frame[]; call(method: string, args?: unknown): Promise<Frame> };

/** The desk cookie a browser gets with the page (one per browser context). */
async function browserCookie(): Promise<string> {
  const page = await fetch(`${host.url}/`);
  return (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** A tab of a browser: its desk is that of (cookie, tab key). */
async function openPage(key: string, cookie?: string): Promise<Page> {
  const socket = new WebSocket(`${host.url.replace('http', 'ws')}/desk?session=${key}`, {
    origin: host.url,
    headers: { cookie: cookie ?? (await browserCookie()) },
  });
  sockets.push(socket);
  const frames: Frame[] = [];
  socket.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString('utf8')) as Frame));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  return {
    socket,
    frames,
    async call(method, args = {}) {
      const id = nextId++;
      socket.send(JSON.stringify({ type: 'call', id, method, args }));
      return eventually(`reply ${id}`, () => frames.find((f) => f.type === 'reply' && f.id === id));
    },
  };
}

beforeAll(async () => {
  store = BACKENDS[0].createStore();
  server = await startCaseServer(store);
  const rendererDir = dir('renderer-');
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Tawasul Desk</title>');
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'app-1234.js'), 'export const x = 1;');
  host = await startBrowserHost({
    host: '127.0.0.1',
    port: 0,
    rendererDir,
    dataDir: dir('host-data-'),
    defaultServerUrl: server.url,
    coreOptions: { mutationHoldMs: 0, undoWindowMs: 0, reconnectBaseMs: 100, reconnectCapMs: 1_000 },
  });
});

afterAll(async () => {
  try {
    for (const s of sockets) s.terminate();
    await host.close();
    await server.close();
  } finally {
    await store.drop();
    for (const d of dirs) d.remove();
  }
});

describe('browser host', () => {
  it('serves the renderer with content types, the strict CSP and index.html for unknown paths', async () => {
    const index = await fetch(`${host.url}/`);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(contentSecurityPolicy(`'self' ${host.url.replace('http', 'ws')}`));
    const script = await fetch(`${host.url}/assets/app-1234.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('export const x');
    const deep = await fetch(`${host.url}/cases/some/route`);
    expect(await deep.text()).toContain('Tawasul Desk');
    const escape = await fetch(`${host.url}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(await escape.text()).toContain('Tawasul Desk');
    expect((await fetch(`${host.url}/`, { method: 'POST' })).status).toBe(405);
  });

  it('answers calls over a real WebSocket and pushes core events', async () => {
    const page = await openPage(randomBytes(16).toString('hex'));
    const current = await page.call('session.current');
    expect(current).toMatchObject({ type: 'reply', reply: { ok: true, value: { staff: null, defaultServerUrl: server.url } } });
    const login = await page.call('session.login', { username: 'housing.agent1', password: PASSWORD });
    expect(login).toMatchObject({ reply: { ok: true, value: { staff: { username: 'housing.agent1' } } } });
    await eventually('session.changed pushed', () => page.frames.some((f) => f.type === 'event' && f.event === 'session.changed'));
    await eventually('online', async () => {
      const status = await page.call('sync.status');
      return status.type === 'reply' && status.reply.ok && (status.reply.value as { state: string }).state === 'online';
    });
    const counts = await page.call('views.counts');
    expect(counts).toMatchObject({ reply: { ok: true } });
  });

  it('keeps one desk per browser and tab key: a reload gets the same desk, another tab or browser another', async () => {
    const key = randomBytes(16).toString('hex');
    const cookie = await browserCookie();
    const first = await openPage(key, cookie);
    await first.call('session.login', { username: 'housing.agent2', password: PASSWORD });
    first.socket.close();
    const reloaded = await openPage(key, cookie);
    expect(await reloaded.call('session.current')).toMatchObject({ reply: { ok: true, value: { staff: { username: 'housing.agent2' } } } });
    const other = await openPage(randomBytes(16).toString('hex'), cookie);
    expect(await other.call('session.current')).toMatchObject({ reply: { ok: true, value: { staff: null } } });
    // the same tab key in another browser (another cookie) is another desk
    const otherBrowser = await openPage(key);
    expect(await otherBrowser.call('session.current')).toMatchObject({ reply: { ok: true, value: { staff: null } } });
  });

  it('answers malformed frames with an error and stays up', async () => {
    const page = await openPage(randomBytes(16).toString('hex'));
    page.socket.send('this is not json');
    await eventually('bad json answered', () => page.frames.find((f) => f.type === 'reply' && !f.reply.ok && f.reply.error.code === 'bad_frame'));
    page.socket.send(JSON.stringify({ type: 'call', id: 7, method: 42 }));
    await eventually('bad shape answered', () => page.frames.find((f) => f.type === 'reply' && f.id === 7 && !f.reply.ok));
    expect(await page.call('no.such.method')).toMatchObject({ reply: { ok: false, error: { code: 'unknown_method' } } });
    expect(await page.call('cases.page', { view: 'nowhere' })).toMatchObject({ reply: { ok: false, error: { code: 'invalid_args' } } });
    expect(await page.call('session.current')).toMatchObject({ reply: { ok: true } });
  });

  it('refuses a connection without a valid session key or from another origin', async () => {
    const noKey = new WebSocket(`${host.url.replace('http', 'ws')}/desk?session=short`, { origin: host.url, headers: { cookie: await browserCookie() } });
    await expect(new Promise((resolve, reject) => { noKey.once('open', resolve); noKey.once('error', reject); })).rejects.toThrow(/400/);
    const foreign = new WebSocket(`${host.url.replace('http', 'ws')}/desk?session=${randomBytes(16).toString('hex')}`, { origin: 'https://evil.example', headers: { cookie: await browserCookie() } });
    await expect(new Promise((resolve, reject) => { foreign.once('open', resolve); foreign.once('error', reject); })).rejects.toThrow(/403/);
  });

  it('cli says to build when the renderer is missing, and exits 2', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'main/browser-host/cli.ts', '--renderer', dir('empty-'), '--port', '0'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/npm run build/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('cli prints where it listens once it is ready', async () => {
    const rendererDir = dir('renderer-cli-');
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/browser-host/cli.ts', '--renderer', rendererDir, '--port', '0', '--data', dir('cli-data-'), '--server', server.url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      const line = await eventually('ready line', () => out.split('\n').find((l) => l.startsWith('browser host on ')), 30_000);
      expect(line).toMatch(/^browser host on http:\/\/127\.0\.0\.1:\d+$/);
      const port = /:(\d+)$/.exec(line)![1];
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
