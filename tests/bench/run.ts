// `npm run bench`: runs every benchmark script in turn (each in its own process, so one's
// memory does not weigh on the next), then prints every figure beside its budget and floor.
// A benchmark is not a test: a missed budget is reported, and the exit code stays 0 unless a
// benchmark could not run. `npm run bench -- core` runs only the scripts whose path says so;
// `--json FILE` also writes every figure as {name, unit, value, budget, floor, ratio, n}.
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describeFigure, toRecord, withinBudget } from './report';
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

function parseArguments(args: readonly string[]): { filters: string[]; jsonFile: string | null } {
  const filters: string[] = [];
  let jsonFile: string | null = null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') {
      const file = args[++i];
      if (file === undefined || file.startsWith('--')) {
        process.stderr.write('npm run bench: --json needs a file name, e.g. --json bench.json\n');
        process.exit(2);
      }
      jsonFile = resolve(process.env.INIT_CWD ?? process.cwd(), file);
    } else filters.push(args[i]);
  }
  return { filters, jsonFile };
}

const { filters, jsonFile } = parseArguments(process.argv.slice(2));
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
const verdicts = all.map(withinBudget).filter((v) => v !== null);
const met = verdicts.filter((v) => v).length;
process.stdout.write(`\n${met} of ${verdicts.length} budgets met${verdicts.length > met ? ` (${verdicts.length - met} missed)` : ''}; ${all.length} figures\n`);
if (jsonFile !== null) {
  writeFileSync(jsonFile, `${JSON.stringify({ figures: all.map(toRecord), budgetsMet: met, budgets: verdicts.length, couldNotRun: failed }, null, 2)}\n`);
  process.stdout.write(`Figures written to ${jsonFile}\n`);
}
if (failed.length > 0) process.stdout.write(`\nCould not run: ${failed.join(', ')}\n`);
process.exit(failed.length > 0 ? 1 : 0);
