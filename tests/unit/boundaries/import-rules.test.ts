// The import boundaries of DESIGN.md ("Who may import whom") are enforced by `npm run lint`.
// This proves it: a probe file is written into each layer with an import that layer may not
// make, linted with the project's own ESLint config, and must fail on exactly that import.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const probes: string[] = [];

async function importErrors(layerFile: string, source: string): Promise<string[]> {
  const path = join(root, layerFile);
  probes.push(path);
  writeFileSync(path, source);
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintFiles([path]);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

afterEach(() => {
  for (const path of probes.splice(0)) rmSync(path, { force: true });
});

describe('import boundaries', { timeout: 60_000 }, () => {
  const cases: [string, string, string, RegExp][] = [
    ['a renderer file importing node:fs', 'renderer/src/__boundary_probe__.ts', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n", /no Node built-ins/],
    ['a renderer file importing electron', 'renderer/src/__boundary_probe__.ts', "import { shell } from 'electron';\nexport const probe = shell;\n", /electron/],
    ['a renderer file importing the core', 'renderer/src/__boundary_probe__.ts', "import { createDeskCore } from '../../main/core/index';\nexport const probe = createDeskCore;\n", /DeskApi/],
    ['a renderer file importing the server', 'renderer/src/__boundary_probe__.ts', "import { startServer } from '../../server/index';\nexport const probe = startServer;\n", /never imports the server/],
    ['a state/ file importing a feature folder', 'renderer/src/state/__boundary_probe__.ts', "import { CoverDialog } from '../board/CoverDialog';\nexport const probe = CoverDialog;\n", /never imports another feature/],
    ['a state/ file importing ui/', 'renderer/src/state/__boundary_probe__.ts', "import { Picker } from '../ui/Picker';\nexport const probe = Picker;\n", /state\/ imports only/],
    ['a feature importing another feature', 'renderer/src/board/__boundary_probe__.ts', "import { CaseList } from '../inbox/CaseList';\nexport const probe = CaseList;\n", /never imports another feature/],
    ['a feature importing app/', 'renderer/src/templates/__boundary_probe__.ts', "import { commands } from '../app/commands';\nexport const probe = commands;\n", /top of the renderer/],
    ['a ui/ file importing a feature folder', 'renderer/src/ui/__boundary_probe__.ts', "import { CasePane } from '../case/CasePane';\nexport const probe = CasePane;\n", /never imports another feature/],
    ['a format/ file importing a store', 'renderer/src/format/__boundary_probe__.ts', "import { useSession } from '../state/session';\nexport const probe = useSession;\n", /sit below state/],
    ['a shared file importing node:crypto', 'shared/__boundary_probe__.ts', "import { randomUUID } from 'node:crypto';\nexport const probe = randomUUID;\n", /no Node built-ins/],
    ['a shared file importing React', 'shared/__boundary_probe__.ts', "import { useState } from 'react';\nexport const probe = useState;\n", /contracts and pure logic/],
    ['a shared file importing the project outside shared/', 'shared/__boundary_probe__.ts', "import { startServer } from '../server/index';\nexport const probe = startServer;\n", /imports nothing of the project/],
    ['a core file importing electron', 'main/core/__boundary_probe__.ts', "import { app } from 'electron';\nexport const probe = app;\n", /electron/],
    ['a browser-host file importing electron', 'main/browser-host/__boundary_probe__.ts', "import { app } from 'electron';\nexport const probe = app;\n", /electron/],
    ['a server file importing the desk core', 'server/__boundary_probe__.ts', "import { createDeskCore } from '../main/core/index';\nexport const probe = createDeskCore;\n", /never the client/],
    ['a preload file importing node:fs', 'preload/__boundary_probe__.ts', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n", /no Node built-ins/],
  ];

  it.each(cases)('fails lint for %s', async (_name, file, source, reason) => {
    const errors = await importErrors(file, source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(reason);
  });

  it('lets each layer import what it may', async () => {
    expect(await importErrors('renderer/src/__boundary_probe__.ts', "import { normalizeForSearch } from '../../shared/arabic';\nexport const probe = normalizeForSearch;\n")).toEqual([]);
    expect(await importErrors('renderer/src/state/__boundary_probe__.ts', "import { desk } from '../desk/client';\nimport { currentLanguage } from '../i18n';\nexport const probe = [desk, currentLanguage];\n")).toEqual([]);
    expect(await importErrors('renderer/src/board/__boundary_probe__.ts', "import { Picker } from '../ui/Picker';\nimport { useBoard } from '../state/board';\nexport const probe = [Picker, useBoard];\n")).toEqual([]);
    expect(await importErrors('renderer/src/app/__boundary_probe__.ts', "import { CasePane } from '../case/CasePane';\nimport { CaseList } from '../inbox/CaseList';\nexport const probe = [CasePane, CaseList];\n")).toEqual([]);
    expect(await importErrors('main/__boundary_probe__.ts', "import { app } from 'electron';\nexport const probe = app;\n")).toEqual([]);
    expect(await importErrors('main/core/__boundary_probe__.ts', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n")).toEqual([]);
    expect(await importErrors('server/__boundary_probe__.ts', "import { decide } from '../shared/lifecycle';\nexport const probe = decide;\n")).toEqual([]);
  });
});
