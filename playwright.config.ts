import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// End-to-end tests drive the real app: a seeded case server and the browser host serving the
// built renderer, in Debian's Chromium (Playwright's own browser download does not work on
// the machines this team builds on). The `electron` project runs the same specs through
// `_electron.launch` where an Electron binary exists, and skips them, saying why, elsewhere.

function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Two ports nothing listens on now, asked of the OS (synchronously: the config is not async). */
function freePorts(): [number, number] {
  const script =
    "const n=require('node:net');const a=n.createServer().listen(0,'127.0.0.1',()=>{const b=n.createServer().listen(0,'127.0.0.1',()=>{console.log(a.address().port,b.address().port);a.close();b.close();});});";
  const [first, second] = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim().split(' ').map(Number);
  return [first ?? 4711, second ?? 4721];
}

// One fresh data folder and one pair of ports per run, handed to the workers through the
// environment (the config is evaluated again in every worker).
process.env.TAWASUL_E2E_DATA ??= mkdtempSync(join(tmpdir(), 'tawasul-e2e-'));
if (process.env.TAWASUL_E2E_SERVER_PORT === undefined || process.env.TAWASUL_E2E_HOST_PORT === undefined) {
  const [server, host] = freePorts();
  process.env.TAWASUL_E2E_SERVER_PORT = String(server);
  process.env.TAWASUL_E2E_HOST_PORT = String(host);
}
// the desks hold replies, transfers and status steps for the undo window before sending them
// (10 s in the product); 3 s keeps "Undo" testable without a 10 s wait per reply. Inherited
// by the browser host below and by the stacks tests/e2e/own-stack.ts starts.
process.env.TAWASUL_UNDO_WINDOW_MS ??= '3000';
const data = process.env.TAWASUL_E2E_DATA;
const serverPort = Number(process.env.TAWASUL_E2E_SERVER_PORT);
const hostPort = Number(process.env.TAWASUL_E2E_HOST_PORT);
export const e2eServerUrl = `http://127.0.0.1:${serverPort}`;
process.env.TAWASUL_E2E_SERVER_URL = e2eServerUrl;

const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  },
};

export default defineConfig<{ deskHost: 'browser' | 'electron' }>({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${hostPort}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1400, height: 860 },
  },
  projects: [
    { name: 'chromium', use: { ...chromium } },
    // The same specs through `_electron.launch`; Chromium stays configured because fixtures
    // that a spec asks for (a second browser context, say) resolve before the host is chosen.
    { name: 'electron', use: { ...chromium, deskHost: 'electron' } },
  ],
  webServer: [
    {
      command: `npx tsx server/cli.ts --host 127.0.0.1 --port ${serverPort} --data ${join(data, 'server')} --seed demo --cases 2000`,
      url: `${e2eServerUrl}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `npx tsx main/browser-host/cli.ts --host 127.0.0.1 --port ${hostPort} --server ${e2eServerUrl} --data ${join(data, 'host')} --renderer out/renderer`,
      url: `http://127.0.0.1:${hostPort}/`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
