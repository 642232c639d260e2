// No function of the product is longer than 120 lines (migrations and tests aside), and
// `npm run lint` is what holds it: the project's own ESLint config is asked which files carry
// the limit, and probe files prove that 121 lines fail where 120 pass, an IIFE included.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const probes: string[] = [];

/** A function whose text spans exactly `lines` lines, its body blank lines and comments alike. */
function functionOf(lines: number, shape: 'declaration' | 'iife' | 'component'): string {
  const body: string[] = [];
  for (let i = 0; body.length < lines - 4; i++) body.push(i % 3 === 0 ? '' : i % 3 === 1 ? `  // step ${i}` : `  total += ${i};`);
  if (shape === 'component') {
    return ['export function Probe() {', '  let total = 0;', ...body, '  return <p>{total}</p>;', '}', ''].join('\n');
  }
  if (shape === 'iife') {
    return ['export const probe = (() => {', '  let total = 0;', ...body, '  return total;', '})();', ''].join('\n');
  }
  return ['export function probe(): number {', '  let total = 0;', ...body, '  return total;', '}', ''].join('\n');
}

async function lengthErrors(file: string, source: string): Promise<string[]> {
  const path = join(root, file);
  probes.push(path);
  writeFileSync(path, source);
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintFiles([path]);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'max-lines-per-function').map((m) => m.message);
}

async function limitOf(file: string): Promise<unknown> {
  const config = (await new ESLint({ cwd: root }).calculateConfigForFile(join(root, file))) as { rules?: Record<string, unknown> };
  return config.rules?.['max-lines-per-function'];
}

afterEach(() => {
  for (const path of probes.splice(0)) rmSync(path, { force: true });
});

describe('function length', { timeout: 60_000 }, () => {
  it.each([
    'main/core/index.ts',
    'main/shell/ipc.ts',
    'main/browser-host/index.ts',
    'preload/index.ts',
    'renderer/src/app/App.tsx',
    'server/index.ts',
    'server/seed/cases.ts',
    'shared/lifecycle.ts',
    'scripts/setup.mjs',
  ])('is limited to 120 lines, every line counted, in %s', async (file) => {
    expect(await limitOf(file)).toEqual([2, { max: 120, skipBlankLines: false, skipComments: false, IIFEs: true }]);
  });

  it.each([
    'server/store/migrations/0001_initial.ts',
    'main/core/cache/migrations/001-cases.ts',
    'tests/unit/shared/lifecycle.test.ts',
    'tests/integration/core/helpers.ts',
    'tests/e2e/actions.spec.ts',
  ])('is not limited in %s (migrations and tests)', async (file) => {
    expect(await limitOf(file)).toBeUndefined();
  });

  it('fails lint for a function of 121 lines and passes one of 120', async () => {
    expect(await lengthErrors('shared/__length_probe__.ts', functionOf(121, 'declaration'))).toEqual([
      expect.stringMatching(/too many lines \(121\)\. Maximum allowed is 120/),
    ]);
    expect(await lengthErrors('shared/__length_probe__.ts', functionOf(120, 'declaration'))).toEqual([]);
  });

  it('counts an IIFE and a React component like any function', async () => {
    expect(await lengthErrors('main/core/__length_probe__.ts', functionOf(121, 'iife'))).toHaveLength(1);
    expect(await lengthErrors('renderer/src/ui/__length_probe__.tsx', functionOf(121, 'component'))).toHaveLength(1);
  });
});
