// The case server as a real child process (`npx tsx server/cli.ts … --data <dir>`), ready once
// it prints `listening on`, so a test can SIGKILL it mid-write and start it again on the same
// data and port. It runs in a process group of its own: npx and tsx each start a child, and
// the kill must reach the server itself, not only its launcher.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PASSWORD } from './helpers';

const ROOT = join(import.meta.dirname, '../../..');
const READY_TIMEOUT_MS = 60_000;

export type ServerProcess = {
  url: string;
  port: number;
  /** signals the server's whole process group and waits until its launcher is gone */
  kill(signal: NodeJS.Signals): Promise<void>;
};

export async function spawnServer(o: { dataDir: string; port?: number; seedCases: number; env?: NodeJS.ProcessEnv }): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    'npx',
    ['tsx', 'server/cli.ts', '--host', '127.0.0.1', '--port', String(o.port ?? 0), '--data', o.dataDir,
      '--seed', 'demo', '--cases', String(o.seedCases), '--demo-password', PASSWORD],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn', ...o.env } },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`the server did not print "listening on" within ${READY_TIMEOUT_MS} ms: ${stderr}`)), READY_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server exited before it was ready: ${stderr}`));
    });
  });
  const group = child.pid;
  if (group === undefined) throw new Error('the server process has no pid');
  return {
    url,
    port: Number(new URL(url).port),
    async kill(signal) {
      try {
        process.kill(-group, signal);
      } catch {
        return; // already gone
      }
      await exited;
    },
  };
}
