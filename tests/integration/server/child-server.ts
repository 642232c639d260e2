// The server as a real child process started through its CLI, for tests that signal it
// (SIGTERM, SIGKILL). It runs as `node --import tsx`, so the pid signalled is the server's own
// and not a wrapper's (a SIGKILLed wrapper would leave the server running).
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../../..');

export type ChildServer = {
  url: string;
  child: ChildProcessWithoutNullStreams;
  /** resolves with the exit code (null when killed by a signal) and the signal */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** resolves when a stderr log line matches */
  logLine(pattern: RegExp): Promise<string>;
  stderr(): string;
};

export type ChildStore = { dataDir: string } | { databaseUrl: string; schema: string };

export function startChildServer(store: ChildStore, args: string[] = [], env: Record<string, string> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', '0', ...('dataDir' in store ? ['--data', store.dataDir] : []), ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      DATABASE_URL: 'databaseUrl' in store ? store.databaseUrl : '',
      DATABASE_SCHEMA: 'databaseUrl' in store ? store.schema : '',
      REDIS_URL: '',
      ...env,
    },
  });
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stderr.on('data', (chunk: Buffer) => {
    const before = stderr.length;
    stderr += chunk.toString();
    const fresh = stderr.slice(stderr.lastIndexOf('\n', before) + 1);
    for (const line of fresh.split('\n')) {
      for (const w of [...watchers]) {
        if (w.pattern.test(line)) {
          watchers.splice(watchers.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^listening on (http:\/\/\S+)$/m.exec(stdout);
      if (match?.[1] !== undefined) {
        resolve({
          url: match[1],
          child,
          exited,
          logLine: (pattern) => new Promise((done) => watchers.push({ pattern, resolve: done })),
          stderr: () => stderr,
        });
      }
    });
    void exited.then(({ code }) => reject(new Error(`server exited (${code}) before it was ready: ${stderr.slice(-2000)}`)));
  });
}

/** Logs in over HTTP and returns the session token. */
export async function loginToken(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
