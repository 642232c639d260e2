// The floor of the j/k and start figures: the plainest page that does the same visible work —
// a static list of 40 rows whose `aria-selected` is re-rendered on every j/k — served by a bare
// static server of its own. (Served by the browser host, its load waited on whatever the desks
// in that host were doing: 9.5 s in one run, above the figure it was the floor of.)
import { createServer } from 'node:http';

export const FLOOR_PATH = '/bench-floor.html';
export const FLOOR_ROWS = 40;

const FLOOR_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>list floor</title>
<style>
  body { margin: 0; font: 14px system-ui, sans-serif; }
  .list { height: 100vh; overflow: auto; width: 420px; border-inline-end: 1px solid #ddd; }
  .row { height: 58px; box-sizing: border-box; padding: 6px 12px; border-block-end: 1px solid #eee; }
  .row[aria-selected="true"] { background: #e7f0ff; box-shadow: inset 3px 0 0 #228be6; }
  .ref { color: #888; font-size: 12px; }
</style>
</head>
<body>
<div class="list" role="listbox" id="list" tabindex="0"></div>
<script src="/bench-floor.js"></script>
</body>
</html>
`;

const FLOOR_SCRIPT = `(() => {
  const list = document.getElementById('list');
  const rows = [];
  for (let i = 0; i < ${FLOOR_ROWS}; i++) {
    const row = document.createElement('div');
    row.className = 'row';
    row.setAttribute('role', 'option');
    row.dataset.testid = 'case-row';
    row.dataset.caseId = 'floor-' + i;
    row.innerHTML = '<div>Delay in deciding my housing unit application</div><div class="ref">TW-2026-' + String(i + 1).padStart(8, '0') + ' · Fatima Al-Haddad</div>';
    list.appendChild(row);
    rows.push(row);
  }
  let selected = 0;
  const render = () => {
    for (let i = 0; i < rows.length; i++) rows[i].setAttribute('aria-selected', String(i === selected));
  };
  render();
  list.focus();
  window.addEventListener('keydown', (event) => {
    if (event.code === 'KeyJ') selected = (selected + 1) % rows.length;
    else if (event.code === 'KeyK') selected = (selected + rows.length - 1) % rows.length;
    else return;
    render();
  });
})();
`;

/** Serves the floor page (and its script) on a loopback port of its own; `close` stops it. */
export function startFloorServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const path = request.url?.split('?')[0];
    const body = path === FLOOR_PATH ? FLOOR_HTML : path === '/bench-floor.js' ? FLOOR_SCRIPT : null;
    if (body === null) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': path === FLOOR_PATH ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'",
    });
    response.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}${FLOOR_PATH}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
