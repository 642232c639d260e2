// `npm test`: unit, integration and end-to-end suites in turn, then one line per suite and a
// total, in the form `suite: N passed, N failed, N skipped`. Exits non-zero if any test
// failed or any suite could not run.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root, run } from './lib.mjs';

const reports = join(root, 'test-results/reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

async function vitestSuite(project) {
  const output = join(reports, `${project}.json`);
  const code = await run('npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${output}`]);
  const report = readJson(output);
  if (report === null) return { name: project, passed: 0, failed: 0, skipped: 0, broken: true, code };
  return {
    name: project,
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
    broken: code !== 0 && report.numFailedTests === 0,
    code,
  };
}

async function e2eSuite() {
  const build = await run('npx', ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build !== 0 || !existsSync(join(root, 'out/renderer/index.html'))) {
    return { name: 'e2e', passed: 0, failed: 0, skipped: 0, broken: true, code: build };
  }
  const output = join(reports, 'e2e.json');
  const code = await run('npx', ['playwright', 'test', '--reporter=list,json'], {
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: output },
  });
  const report = readJson(output);
  if (report === null) return { name: 'e2e', passed: 0, failed: 0, skipped: 0, broken: true, code };
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats ?? {};
  return {
    name: 'e2e',
    passed: expected + flaky,
    failed: unexpected,
    skipped,
    broken: code !== 0 && unexpected === 0,
    code,
    reasons: skipReasons(report),
  };
}

/** Why tests were skipped (e.g. the Electron project without a binary), each reason once. */
function skipReasons(report) {
  const reasons = new Set();
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        for (const a of t.annotations ?? []) if (a.type === 'skip' && a.description) reasons.add(`${t.projectName}: ${a.description}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  return [...reasons];
}

const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);
const results = [];
if (wanted('unit')) results.push(await vitestSuite('unit'));
if (wanted('integration')) results.push(await vitestSuite('integration'));
if (wanted('e2e')) results.push(await e2eSuite());

console.log('\nTest summary');
const total = { passed: 0, failed: 0, skipped: 0 };
for (const r of results) {
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
  const note = r.broken ? ` (the suite did not complete: exit code ${r.code})` : '';
  console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${note}`);
  for (const reason of r.reasons ?? []) console.log(`  skipped in ${reason}`);
}
const broken = results.some((r) => r.broken);
console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || broken ? 1 : 0);
