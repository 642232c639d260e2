// Serves the built renderer (out/renderer): files by path, index.html for any other path
// (the renderer routes itself), every response with the strict CSP of DESIGN.md, whose
// connect-src is the host's own origin and its own WebSocket only. The page gets the desk
// cookie (host-access.ts) when the browser has none yet; a request naming another Host is
// refused (421).
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { HostAccess } from './host-access';

/** The CSP of a page served under `host`: it may connect to its own origin and WebSocket only. */
export function contentSecurityPolicy(connectSources: string): string {
  return `default-src 'self'; connect-src ${connectSources}; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function securityHeaders(res: ServerResponse, connectSources: string): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(connectSources));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

function fileAt(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = resolve(join(root, normalize(decoded)));
  // never outside the renderer folder, whatever ../ or encoded separators the path holds
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  try {
    return statSync(candidate).isFile() ? candidate : null;
  } catch {
    return null;
  }
}

export function createStaticHandler(rendererDir: string, access: () => HostAccess) {
  const root = resolve(rendererDir);
  const indexHtml = join(root, 'index.html');
  return (req: IncomingMessage, res: ServerResponse): void => {
    const host = access().hostOf(req);
    if (host === null) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }).end('this host serves its own address only\n');
      return;
    }
    securityHeaders(res, access().connectSources(host));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = fileAt(root, path) ?? fileAt(root, '/index.html');
    if (file === null) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('the desk is not built: run npm run build\n');
      return;
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    if (file === indexHtml && access().deskCookie(req) === null) res.setHeader('Set-Cookie', access().newDeskCookie());
    const size = statSync(file).size;
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': size,
      // hashed bundle names never change content; the page itself must always be fresh
      'Cache-Control': file === indexHtml ? 'no-cache' : path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}
