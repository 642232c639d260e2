// Who may drive a desk of the browser host. A desk is reached only with:
// - the desk cookie, an HttpOnly, SameSite=Strict secret the host sets on the page it serves:
//   no script reads it and no other site's page sends it, and it is never written to disk;
// - an Origin equal to the host's own (http://127.0.0.1:PORT or http://localhost:PORT for a
//   host on the loopback), so a page of another site, or a client that sends none, is refused;
// - a Host header naming the host itself (a DNS name rebound to 127.0.0.1 is refused).
// The desk's folder is named by an HMAC under the device key of (cookie, tab key), so neither
// secret can be read back from the folder names another local user might list.
import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const DESK_ID_PATTERN = /^[0-9a-f]{64}$/;
export const TAB_KEY_PATTERN = /^[0-9a-f]{32}$/;
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export type HostAccess = {
  /** the Host header when it names this host, else null */
  hostOf(req: IncomingMessage): string | null;
  /** true when the request's Origin is this host's own origin (the form the page was loaded from) */
  sameOrigin(req: IncomingMessage): boolean;
  /** the desk cookie the browser sent, if well formed */
  deskCookie(req: IncomingMessage): string | null;
  /** a Set-Cookie header value with a new desk secret */
  newDeskCookie(): string;
  /** the desk (and folder name) of one tab of one browser */
  deskId(cookie: string, tabKey: string): string;
  /** the CSP's connect-src sources for a page served under this Host */
  connectSources(host: string): string;
};

export function createHostAccess(listenHost: string, port: number, deviceKey: Buffer): HostAccess {
  const hosts = LOOPBACK.has(listenHost)
    ? new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
    : new Set([`${listenHost.includes(':') ? `[${listenHost}]` : listenHost}:${port}`]);
  // one name per port: two hosts on one machine (tests run several) keep their own cookies
  const cookieName = `tawasul_desk_${port}`;
  const folderKey = createHmac('sha256', deviceKey).update('tawasul browser desk folders v1').digest();

  function hostOf(req: IncomingMessage): string | null {
    const host = req.headers.host?.toLowerCase();
    return host !== undefined && hosts.has(host) ? host : null;
  }

  return {
    hostOf,
    sameOrigin(req) {
      const host = hostOf(req);
      return host !== null && req.headers.origin === `http://${host}`;
    },
    deskCookie(req) {
      for (const part of (req.headers.cookie ?? '').split(';')) {
        const [name, value] = part.trim().split('=', 2);
        if (name === cookieName && value !== undefined && COOKIE_VALUE.test(value)) return value;
      }
      return null;
    },
    newDeskCookie() {
      return `${cookieName}=${randomBytes(32).toString('base64url')}; Path=/; HttpOnly; SameSite=Strict`;
    },
    deskId(cookie, tabKey) {
      return createHmac('sha256', folderKey).update(`${cookie}\n${tabKey}`).digest('hex');
    },
    connectSources(host) {
      return `'self' ws://${host}`;
    },
  };
}
