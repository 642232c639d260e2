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

// One fresh data folder per run, shared with the workers through the environment.
process.env.TAWASUL_E2E_DATA ??= mkdtempSync(join(tmpdir(), 'tawasul-e2e-'));
const data = process.env.TAWASUL_E2E_DATA;
const serverPort = Number(process.env.TAWASUL_E2E_SERVER_PORT ?? 4711);
const hostPort = Number(process.env.TAWASUL_E2E_HOST_PORT ?? 4721);
export const e2eServerUrl = `http://127.0.0.1:${serverPort}`;
process.env.TAWASUL_E2E_SERVER_URL = e2eServerUrl;

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
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumPath(),
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
    { name: 'electron', use: { deskHost: 'electron' } },
  ],
  webServer: [
    {
      command: `npx tsx server/cli.ts --host 127.0.0.1 --port ${serverPort} --data ${join(data, 'server')} --seed demo --cases 400`,
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
