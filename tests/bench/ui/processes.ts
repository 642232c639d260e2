// The case server and the browser host as child processes of the benchmark: each in its own
// process group, started through its CLI with tsx loaded into node itself (so the pid we hold
// is the process doing the work), and stopped by that pid whatever happened.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../../..');
const READY_TIMEOUT_MS = 120_000;

export type RunningProcess = { pid: number; output(): string; stop(): Promise<void> };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** Starts `node --import tsx <script> …args` and resolves once its output holds `readyLine`. */
export function startProcess(script: string, args: string[], readyLine: RegExp, env: Record<string, string> = {}): Promise<RunningProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running: RunningProcess = {
    pid: child.pid ?? -1,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // a desk closing a 1,000,000-case cache checkpoints it first; killed, its next start would check the file whole
      const force = setTimeout(() => signalGroup(child, 'SIGKILL'), 60_000);
      signalGroup(child, 'SIGTERM');
      await exited;
      clearTimeout(force);
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signalGroup(child, 'SIGKILL');
      reject(new Error(`${script} was not ready in ${READY_TIMEOUT_MS / 1000} s:\n${output.slice(-2_000)}`));
    }, READY_TIMEOUT_MS);
    const watch = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-100_000);
      if (readyLine.test(output)) {
        clearTimeout(timer);
        resolve(running);
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${script} exited before it was ready:\n${output.slice(-2_000)}`));
    });
  });
}

export function startCaseServer(port: number, dataDir: string): Promise<RunningProcess> {
  return startProcess(
    'server/cli.ts',
    ['--host', '127.0.0.1', '--port', String(port), '--data', dataDir, '--seed', 'demo', '--cases', '300'],
    /^listening on http/m,
    { TAWASUL_SOCKET_RATE: 'off' },
  );
}

export function startBrowserHost(port: number, serverUrl: string, dataDir: string, rendererDir: string): Promise<RunningProcess> {
  return startProcess(
    'main/browser-host/cli.ts',
    ['--host', '127.0.0.1', '--port', String(port), '--server', serverUrl, '--data', dataDir, '--renderer', rendererDir],
    /^browser host on http/m,
  );
}
