// The server's command line as scripts use it: the ready line, idempotent demo seeding on
// restart, and a one-line error (exit 2) for bad arguments.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dataDir = mkdtempSync(join(tmpdir(), 'tawasul-cli-'));

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs the CLI; when `untilReady`, stops it with SIGTERM once it prints its ready line. */
function runCli(args: string[], untilReady: boolean): Promise<Run & { url?: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['server/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    let url: string | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^listening on (http:\/\/\S+)$/m.exec(stdout);
      if (untilReady && match && url === undefined) {
        url = match[1];
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr, ...(url === undefined ? {} : { url }) }));
  });
}

describe('server CLI', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('rejects bad arguments with one clear line and exit code 2', async () => {
    for (const args of [['--port', 'abc'], ['--bogus'], ['--seed', 'everything'], ['--cases', '5']]) {
      const run = await runCli(args, false);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    }
  });

  it('prints the ready line, and a restart with --seed demo does not seed again', async () => {
    const first = await runCli(['--port', '0', '--data', dataDir, '--seed', 'demo', '--cases', '60'], true);
    expect(first.stdout).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    expect(first.code).toBe(0);
    const second = await runCli(['--port', '0', '--data', dataDir, '--seed', 'demo', '--cases', '90'], true);
    expect(second.code).toBe(0);
    const Database = (await import('better-sqlite3-multiple-ciphers')).default;
    const db = new Database(join(dataDir, 'tawasul-server.sqlite'), { readonly: true });
    try {
      expect(db.prepare('select count(*) as n from cases').get()).toEqual({ n: 60 });
    } finally {
      db.close();
    }
  });
});
