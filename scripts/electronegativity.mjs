// Runs @doyensec/electronegativity over the Electron shell (main/ and preload/) and fails on
// any HIGH-severity finding. Lower findings are printed for review.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, run } from './lib.mjs';

const report = join(mkdtempSync(join(tmpdir(), 'electronegativity-')), 'report.csv');
const code = await run('npx', ['electronegativity', '-i', root, '-r', '-v', 'false', '-o', report], {
  stdio: ['ignore', 'ignore', 'ignore'],
});
let rows;
try {
  rows = readFileSync(report, 'utf8').trim().split('\n').slice(1);
} catch {
  console.error(`electronegativity did not produce a report (exit code ${code}).`);
  process.exit(1);
}
// Only the shell is Electron code; tests hold deliberately hostile inputs.
const shellRows = rows.filter((row) => /^[A-Z_]+,"\w+","\w+","(main|preload)\//.test(row));
const high = shellRows.filter((row) => row.split(',')[1] === '"HIGH"');
for (const row of shellRows) console.log(row.split(',').slice(0, 5).join(' '));
console.log(`electronegativity: ${shellRows.length} findings in main/ and preload/, ${high.length} of high severity`);
process.exit(high.length > 0 ? 1 : 0);
