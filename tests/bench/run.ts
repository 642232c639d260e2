// `npm run bench`: runs every benchmark script in turn (each in its own process, so one's
// memory does not weigh on the next), then prints every figure beside its budget and floor.
// A benchmark is not a test: a missed budget is reported, and the exit code stays 0 unless a
// benchmark could not run. `npm run bench -- core` runs only the scripts whose path says so.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeFigure, withinBudget } from './report';
import type { BenchFigure } from './report';

const benchDir = import.meta.dirname;
const root = join(benchDir, '../..');

function findBenches(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findBenches(path);
    return entry.name.endsWith('.bench.ts') ? [path] : [];
  });
}

function runBench(path: string): Promise<{ figures: BenchFigure[]; code: number }> {
  return new Promise((resolve) => {
    const figures: BenchFigure[] = [];
    const child = spawn('npx', ['tsx', path], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('BENCH ')) figures.push(JSON.parse(line.slice(6)) as BenchFigure);
        else process.stdout.write(`${line}\n`);
      }
    });
    child.on('exit', (code) => resolve({ figures, code: code ?? 1 }));
  });
}

const filters = process.argv.slice(2);
const benches = findBenches(benchDir)
  .sort()
  .filter((path) => filters.length === 0 || filters.some((f) => relative(benchDir, path).includes(f)));

const all: BenchFigure[] = [];
const failed: string[] = [];
for (const path of benches) {
  const name = relative(root, path);
  process.stdout.write(`\n── ${name}\n`);
  const { figures, code } = await runBench(path);
  all.push(...figures);
  if (code !== 0) failed.push(`${name} (exit code ${code})`);
}

process.stdout.write('\nBenchmark summary (budgets from DESIGN.md; floor = the same work done the plainest way)\n');
for (const figure of all) {
  const verdict = withinBudget(figure);
  process.stdout.write(`${verdict === null ? '  ' : verdict ? '✓ ' : '✗ '}${describeFigure(figure)}\n`);
}
if (failed.length > 0) process.stdout.write(`\nCould not run: ${failed.join(', ')}\n`);
process.exit(failed.length > 0 ? 1 : 0);
