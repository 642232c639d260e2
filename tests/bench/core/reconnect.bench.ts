// Back online after the case server returns (DESIGN.md: ≤ 3 s p95): a signed-in desk core with
// the product's reconnect settings, and the case server (a child process on a fixed port)
// stopped and started again 10 times. Each sample runs from the moment the restarted server
// prints "listening on" to the desk's next "Up to date". Floor: a plain Socket.IO client
// opened the moment the server is listening, in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connectClient } from 'socket.io-client';
import type { SyncStatus } from '../../../shared/desk-api';
import { createDeskCore } from '../../../main/core/index';
import { fileModeSealer, loadDeviceKey } from '../../../main/core/keys';
import { spawnServer } from '../../integration/core/server-process';
import type { ServerProcess } from '../../integration/core/server-process';
import { percentile, reportFigure } from '../report';

const RESTARTS = 10;
const PASSWORD = 'tawasul-demo';

function waitFor(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() > deadline) reject(new Error(`never happened: ${what}`));
      else setTimeout(tick, 5);
    };
    tick();
  });
}

async function plainConnectMs(url: string): Promise<number> {
  const started = performance.now();
  const socket = connectClient(url, { transports: ['websocket'], reconnection: false, auth: { token: 'none' } });
  await new Promise<void>((resolve) => {
    // refused without a session, but only once the handshake reached the server's middleware
    socket.once('connect', () => resolve());
    socket.once('connect_error', () => resolve());
  });
  socket.disconnect();
  return performance.now() - started;
}

const root = mkdtempSync(join(tmpdir(), 'tawasul-bench-reconnect-'));
let server: ServerProcess | null = null;
const core = createDeskCore({
  dataDir: join(root, 'desk'),
  deviceKey: loadDeviceKey(join(root, 'device-key'), fileModeSealer),
  defaultServerUrl: 'http://127.0.0.1:1',
  emit: (event, payload) => {
    if (event === 'sync.status') status = payload as SyncStatus;
  },
});
let status: SyncStatus | null = null;
try {
  server = await spawnServer({ dataDir: join(root, 'server'), seedCases: 2_000 });
  const port = server.port;
  await core.handlers['session.login']({ username: 'housing.agent1', password: PASSWORD, serverUrl: server.url });
  await waitFor(() => status?.state === 'online', 'the first sync');
  const samples: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < RESTARTS; i++) {
    await server.kill('SIGTERM');
    server = null;
    await waitFor(() => status?.state !== 'online', 'the desk offline');
    // down for a while, as a real restart is: the desk's probe backoff has grown meanwhile
    await new Promise((resolve) => setTimeout(resolve, 1_000 + Math.random() * 2_000));
    server = await spawnServer({ dataDir: join(root, 'server'), port, seedCases: 2_000 });
    const listening = performance.now();
    floors.push(await plainConnectMs(server.url));
    await waitFor(() => status?.state === 'online', 'the desk back online');
    samples.push(performance.now() - listening);
  }
  reportFigure({
    name: `reconnect after a server restart, back to "Up to date" (p95 of ${RESTARTS} restarts)`,
    value: Math.round(percentile(samples, 95)),
    unit: 'ms',
    budget: 3_000,
    floor: Math.round(percentile(floors, 95)),
    n: samples.length,
    spread: `${Math.round(Math.min(...samples))}–${Math.round(Math.max(...samples))} ms`,
  });
} finally {
  await core.close();
  await server?.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
}
