// The browser host against a local process that is not the signed-in browser: the upgrade
// needs the host's own Origin (both 127.0.0.1 and localhost forms) and the HttpOnly desk
// cookie; folder names give away neither; the host's folders are 0700 and its files 0600.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { startBrowserHost } from '../../../main/browser-host/index';
import type { BrowserHost } from '../../../main/browser-host/index';
import { openEncrypted } from '../../../main/core/encrypted-sqlite';
import { cacheKeyHex } from '../../../main/core/keys';
import { readSession } from '../../../main/core/session-store';
import type { Frame } from '../../../shared/rpc';
import { BACKENDS, PASSWORD, eventually, startCaseServer, tempDir } from './helpers';
import type { ServerStore } from './helpers';

let store: ServerStore;
let server: Awaited<ReturnType<typeof startCaseServer>>;
let host: BrowserHost;
let port: string;
let dataDir: string;
const dirs: ReturnType<typeof tempDir>[] = [];
const sockets: WebSocket[] = [];

function dir(prefix: string): string {
  const d = tempDir(prefix);
  dirs.push(d);
  return d.dir;
}

async function cookieFrom(origin: string): Promise<string> {
  const page = await fetch(`${origin}/`);
  return (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** Resolves with the open socket, or rejects with the refusal's HTTP status. */
function upgrade(url: string, options: { origin?: string; cookie?: string }): Promise<WebSocket> {
  const socket = new WebSocket(url, {
    ...(options.origin === undefined ? {} : { origin: options.origin }),
    headers: options.cookie === undefined ? {} : { cookie: options.cookie },
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(String(res.statusCode))));
    socket.once('error', reject);
  });
}

function call(socket: WebSocket, id: number, method: string, args: unknown = {}): Promise<Frame> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as Frame;
      if (frame.type === 'reply' && frame.id === id) {
        socket.off('message', onMessage);
        resolve(frame);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'call', id, method, args }));
  });
}

beforeAll(async () => {
  store = BACKENDS[0].createStore();
  server = await startCaseServer(store, 0, 200);
  const rendererDir = dir('renderer-');
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Tawasul Desk</title>');
  dataDir = join(dir('host-'), 'data');
  host = await startBrowserHost({
    host: '127.0.0.1', port: 0, rendererDir, dataDir, defaultServerUrl: server.url,
    coreOptions: { mutationHoldMs: 0, undoWindowMs: 0, reconnectBaseMs: 100, reconnectCapMs: 1_000 },
  });
  port = new URL(host.url).port;
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

describe('browser host sessions', () => {
  it('sets an HttpOnly, SameSite=Strict desk cookie with the page, once', async () => {
    const page = await fetch(`${host.url}/`);
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^tawasul_desk_${port}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$`));
    const again = await fetch(`${host.url}/`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('refuses the upgrade without Origin, from another origin, or without the desk cookie', async () => {
    const url = `ws://127.0.0.1:${port}/desk?session=${randomBytes(16).toString('hex')}`;
    const cookie = await cookieFrom(host.url);
    await expect(upgrade(url, { cookie })).rejects.toThrow('403');
    await expect(upgrade(url, { cookie, origin: 'http://evil.example' })).rejects.toThrow('403');
    await expect(upgrade(url, { cookie, origin: `http://localhost:${port}` })).rejects.toThrow('403');
    await expect(upgrade(url, { origin: host.url })).rejects.toThrow('401');
    await expect(upgrade(url, { origin: host.url, cookie: `tawasul_desk_${port}=short` })).rejects.toThrow('401');
    expect((await upgrade(url, { origin: host.url, cookie })).readyState).toBe(WebSocket.OPEN);
  });

  it('serves the desk at http://localhost:PORT too, its CSP naming that origin\'s WebSocket only', async () => {
    const origin = `http://localhost:${port}`;
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src 'self' ws://localhost:${port};`);
    expect(csp).not.toMatch(/ws: |wss:/);
    const socket = await upgrade(`ws://localhost:${port}/desk?session=${randomBytes(16).toString('hex')}`, { origin, cookie: await cookieFrom(origin) });
    expect(await call(socket, 1, 'session.current')).toMatchObject({ reply: { ok: true } });
    // a name rebound to the loopback is not this host
    const rebound = await new Promise<number | undefined>((resolve, reject) => {
      get({ host: '127.0.0.1', port: Number(port), path: '/', headers: { host: `evil.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject);
    });
    expect(rebound).toBe(421);
  });

  it('names desk folders so that neither the tab key nor the cookie can be read from them', async () => {
    const tabKey = randomBytes(16).toString('hex');
    const cookie = await cookieFrom(host.url);
    const socket = await upgrade(`ws://127.0.0.1:${port}/desk?session=${tabKey}`, { origin: host.url, cookie });
    expect(await call(socket, 1, 'session.login', { username: 'housing.agent1', password: PASSWORD })).toMatchObject({ reply: { ok: true } });
    const folders = readdirSync(join(dataDir, 'sessions'));
    expect(folders.every((f) => /^[0-9a-f]{64}$/.test(f))).toBe(true);
    const cookieValue = cookie.split('=')[1] ?? '';
    expect(folders.some((f) => f.includes(tabKey) || f.includes(cookieValue))).toBe(false);
    // another local user who lists the folders and tries each name as a tab key, with a cookie
    // of their own, reaches a desk that is not signed in
    for (const [i, folder] of folders.entries()) {
      const guess = await upgrade(`ws://127.0.0.1:${port}/desk?session=${folder.slice(0, 32)}`, { origin: host.url, cookie: await cookieFrom(host.url) });
      expect(await call(guess, i + 1, 'session.current')).toMatchObject({ reply: { ok: true, value: { staff: null } } });
    }
  });

  it('keeps its folders 0700 and its files 0600 once a desk has signed in and loaded its cases', async () => {
    const cookie = await cookieFrom(host.url);
    const socket = await upgrade(`ws://127.0.0.1:${port}/desk?session=${randomBytes(16).toString('hex')}`, { origin: host.url, cookie });
    await call(socket, 1, 'session.login', { username: 'housing.agent2', password: PASSWORD });
    let id = 2;
    await eventually('online', async () => {
      const status = await call(socket, id++, 'sync.status');
      return status.type === 'reply' && status.reply.ok && (status.reply.value as { state: string }).state === 'online';
    });
    const wrong: string[] = [];
    const walk = (path: string) => {
      const stat = statSync(path);
      const mode = stat.mode & 0o777;
      if (stat.isDirectory()) {
        if (mode !== 0o700) wrong.push(`${path} ${mode.toString(8)}`);
        for (const entry of readdirSync(path)) walk(join(path, entry));
      } else if (mode !== 0o600) {
        wrong.push(`${path} ${mode.toString(8)}`);
      }
    };
    walk(dataDir);
    expect(wrong).toEqual([]);
    expect(readdirSync(join(dataDir, 'sessions')).length).toBeGreaterThan(0);
  });

  it('after a bootstrap, no file of a desk, decrypted with its own key, holds a full CPR or phone number', async () => {
    const rows = await server.store.db.selectFrom('cases').select(['citizen_cpr', 'citizen_phone']).execute();
    const numbers = rows.flatMap((r) => [r.citizen_cpr, r.citizen_phone?.replace(/\D/g, '').slice(-8)]).filter((n): n is string => typeof n === 'string' && n.length >= 8);
    expect(numbers.length).toBeGreaterThan(50);
    const deviceKey = readFileSync(join(dataDir, 'device-key'));
    let filesRead = 0;
    let casesSeen = 0;
    for (const desk of readdirSync(join(dataDir, 'sessions'))) {
      const deskDir = join(dataDir, 'sessions', desk);
      const session = readSession(deskDir, deviceKey, 0);
      if (session === null) continue;
      const key = cacheKeyHex(deviceKey, session.staff.id, session.cacheSecret);
      for (const folder of ['caches', 'outbox']) {
        for (const file of readdirSync(join(deskDir, folder)).filter((f) => f.endsWith('.sqlite'))) {
          const db = openEncrypted(join(deskDir, folder, file), key);
          try {
            const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
            let text = '';
            for (const { name } of tables) text += JSON.stringify(db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).raw(true).all());
            if (folder === 'caches') casesSeen += (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
            expect(numbers.filter((n) => text.includes(n))).toEqual([]);
            filesRead += 1;
          } finally {
            db.close();
          }
        }
      }
    }
    expect(filesRead).toBeGreaterThanOrEqual(2);
    expect(casesSeen).toBeGreaterThan(5);
  });
});
