// Small helpers shared by the project's scripts (start, test). Plain Node, no dependencies,
// so they run before anything is built.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

/** The Electron binary's path, or null with the reason it cannot be used. */
export function findElectron() {
  try {
    const require = createRequire(join(root, 'package.json'));
    const path = require('electron');
    if (typeof path === 'string' && existsSync(path)) return { path, reason: null };
    return { path: null, reason: 'the Electron binary is not installed (only its types are)' };
  } catch {
    return { path: null, reason: 'the Electron binary is not installed (only its types are)' };
  }
}

/** Newest modification time under a folder (for "is the build out of date?"). */
export function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function rendererBuildIsCurrent() {
  const index = join(root, 'out/renderer/index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return ['renderer', 'shared', 'preload', 'main'].every((dir) => newestMtime(join(root, dir)) <= built);
}

/**
 * Starts a child process and resolves when a line of its output matches `ready`; rejects
 * with the child's last output if it exits first or `timeoutMs` passes.
 */
export function startAndWait(command, args, { ready, timeoutMs = 120_000, env = process.env, name, onLine = () => {} }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail = [];
    let settled = false;
    const timer = setTimeout(() => finish(new Error(`${name} did not become ready within ${timeoutMs / 1000} s`)), timeoutMs);
    function finish(error, match) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        child.kill('SIGTERM');
        reject(Object.assign(error, { output: tail.join('\n') }));
      } else resolve({ child, match });
    }
    const onData = (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim() === '') continue;
        tail.push(line);
        if (tail.length > 30) tail.shift();
        onLine(line);
        const match = line.match(ready);
        if (match) finish(null, match);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => finish(new Error(`${name} exited with code ${code} before it was ready`)));
  });
}

export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Shows a child's structured (pino) log the way a person wants it at a terminal: progress
 * and warnings as plain sentences, routine info lines not at all.
 */
export function humanLogLine(prefix) {
  return (line) => {
    if (!line.startsWith('{')) {
      if (!line.includes('DeprecationWarning') && !line.includes('FSTDEP') && !line.includes('--trace-warnings')) console.error(`${prefix}: ${line}`);
      return;
    }
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    if (entry.msg === 'seeding cases' && typeof entry.cases === 'number') {
      console.log(`${prefix}: building demo data, ${entry.cases.toLocaleString('en')} of ${Number(entry.of).toLocaleString('en')} cases`);
    } else if (typeof entry.level === 'number' && entry.level >= 40) {
      console.error(`${prefix}: ${entry.msg ?? line}`);
    }
  };
}
