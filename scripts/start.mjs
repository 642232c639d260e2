// `npm start`: the embedded case server (unless TAWASUL_SERVER_URL names one) and the desktop
// app; where the Electron binary is missing, the browser host instead. `npm run start:browser`
// goes to the browser host directly. Every failure is one clear sentence, never a stack trace.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findElectron, humanLogLine, rendererBuildIsCurrent, root, run, startAndWait } from './lib.mjs';

const { values } = parseArgs({
  options: {
    browser: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.TAWASUL_DESK_PORT ?? '4620' },
    'server-port': { type: 'string', default: process.env.TAWASUL_SERVER_PORT ?? '4610' },
  },
  strict: false,
});

const children = [];
function stopAll(code) {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

function fail(sentence, detail) {
  console.error(`Tawasul Desk: ${sentence}`);
  if (detail) console.error(detail.split('\n').slice(-8).join('\n'));
  stopAll(1);
}

async function serverAnswers(url) {
  try {
    const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1500) });
    return response.ok;
  } catch {
    return false;
  }
}

async function ensureServer() {
  const configured = process.env.TAWASUL_SERVER_URL;
  if (configured) {
    if (!(await serverAnswers(configured))) console.warn(`Tawasul Desk: the case server at ${configured} does not answer yet; the desk will keep trying.`);
    return configured;
  }
  const url = `http://127.0.0.1:${values['server-port']}`;
  if (await serverAnswers(url)) {
    console.log(`Using the case server already running at ${url}`);
    return url;
  }
  console.log('Starting the embedded case server (the first start builds the demo data: about a minute)…');
  try {
    const { child } = await startAndWait(
      'npx',
      ['tsx', 'server/cli.ts', '--host', '127.0.0.1', '--port', values['server-port'], '--data', join(root, '.data/server'), '--seed', 'demo'],
      { ready: /listening on (http:\/\/\S+)/, timeoutMs: 600_000, name: 'the case server', onLine: humanLogLine('case server') },
    );
    children.push(child);
    return url;
  } catch (error) {
    return fail(`the case server could not start (${error.message}).`, error.output);
  }
}

async function ensureBuild() {
  if (rendererBuildIsCurrent()) return;
  console.log('Building the app…');
  const code = await run('npx', ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (code !== 0) fail('the build failed; see the messages above.');
}

async function startBrowserHost(serverUrl) {
  try {
    const { child, match } = await startAndWait(
      'npx',
      ['tsx', 'main/browser-host/cli.ts', '--host', '127.0.0.1', '--port', values.port, '--server', serverUrl, '--data', join(root, '.data/desk'), '--renderer', join(root, 'out/renderer')],
      { ready: /browser host on (http:\/\/\S+)/, timeoutMs: 60_000, name: 'the browser host', onLine: humanLogLine('desk') },
    );
    children.push(child);
    console.log(`\nTawasul Desk is ready: open ${match[1]} in Chromium or any current browser.`);
    console.log('Demo logins: housing.agent1, housing.supervisor, callcentre.agent1 — password tawasul-demo. Ctrl+C stops.');
  } catch (error) {
    fail(`the browser host could not start (${error.message}).`, error.output);
  }
}

async function main() {
  const electron = values.browser ? { path: null, reason: null } : findElectron();
  if (!values.browser && electron.path === null) {
    console.log(`Tawasul Desk: ${electron.reason}, so the desk opens in your browser instead.`);
  }
  const serverUrl = await ensureServer();
  await ensureBuild();
  if (electron.path !== null) {
    const app = spawn(electron.path, [root], { cwd: root, stdio: 'inherit', env: { ...process.env, TAWASUL_SERVER_URL: serverUrl } });
    children.push(app);
    app.on('exit', (code) => stopAll(code ?? 0));
    return;
  }
  await startBrowserHost(serverUrl);
}

main().catch((error) => fail(`could not start: ${error instanceof Error ? error.message : String(error)}`));
