// A case server and browser host of a spec's own, as child processes on their own ports: for
// specs that stop the server, or need more cases than the shared seed holds. Whoever starts
// one stops it (`close()` in afterAll), whatever happened.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const READY_TIMEOUT_MS = 90_000;

function startProcess(args: string[], readyLine: string, env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  // its own process group, so stopping it stops tsx's node child too
  const child = spawn('node_modules/.bin/tsx', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      signalGroup(child, 'SIGKILL');
      reject(new Error(`not ready in time: ${args.join(' ')}\n${output.slice(-2_000)}`));
    }, READY_TIMEOUT_MS);
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyLine)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${String(code)} before ready: ${args.join(' ')}\n${output.slice(-2_000)}`));
    });
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal); // the group is gone already; the child itself may not be
  }
}

function stopProcess(child: ChildProcess | null, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child === null || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    signalGroup(child, signal);
  });
}

export type OwnStack = {
  serverUrl: string;
  hostUrl: string;
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  close(): Promise<void>;
};

/** A port nothing listens on now (the server must come back on the same one after a restart). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `serverEnv`: extra environment of the case server (e.g. TAWASUL_TEST_SYNC_FAULTS) */
export async function startOwnStack(options: { cases: number; serverEnv?: NodeJS.ProcessEnv }): Promise<OwnStack> {
  const root = mkdtempSync(join(tmpdir(), 'tawasul-e2e-own-'));
  const serverPort = await freePort();
  const hostPort = await freePort();
  const serverUrl = `http://127.0.0.1:${serverPort}`;
  const serverArgs = ['server/cli.ts', '--host', '127.0.0.1', '--port', String(serverPort), '--data', join(root, 'server'), '--seed', 'demo', '--cases', String(options.cases)];
  let server: ChildProcess | null = null;
  let host: ChildProcess | null = null;
  const stack: OwnStack = {
    serverUrl,
    hostUrl: `http://127.0.0.1:${hostPort}`,
    async stopServer() {
      await stopProcess(server);
      server = null;
    },
    async startServer() {
      server = await startProcess(serverArgs, 'listening on', options.serverEnv);
    },
    async close() {
      await stopProcess(host);
      await stopProcess(server);
      host = null;
      server = null;
    },
  };
  try {
    await stack.startServer();
    host = await startProcess(
      ['main/browser-host/cli.ts', '--host', '127.0.0.1', '--port', String(hostPort), '--server', serverUrl, '--data', join(root, 'host'), '--renderer', 'out/renderer'],
      'browser host on',
    );
  } catch (error) {
    await stack.close();
    throw error;
  }
  return stack;
}
