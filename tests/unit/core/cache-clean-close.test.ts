// The full integrity check of the cache (quick_check reads the whole file: seconds at 1M
// cases) is skipped only when the file is exactly as a clean close left it.
import { maskCase } from '../../../shared/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, statSync, utimesSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openCache } from '../../../main/core/cache/index';
import type { Cache } from '../../../main/core/cache/index';
import { silentLogger } from '../../../main/core/logger';
import { makeCase, tempDir, TEST_KEY_HEX } from './fixtures';

let dir: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  dir = tempDir('desk-clean-');
  file = join(dir.dir, 'cache.sqlite');
});
afterEach(() => dir.remove());

const open = () => openCache({ file, keyHex: TEST_KEY_HEX, logger: silentLogger, isPending: () => false });

function filled(): Cache {
  const cache = open();
  cache.transaction(() => {
    for (let n = 0; n < 300; n++) {
      cache.cases.writeCase(makeCase(n));
      cache.cases.reindex(makeCase(n).id);
    }
  });
  return cache;
}

/** Random bytes over the middle of the file, then its times put back as they were. */
function scribbleKeepingTimes(): void {
  const before = statSync(file);
  const fd = openSync(file, 'r+');
  writeSync(fd, randomBytes(32 * 1024), 0, 32 * 1024, Math.floor(before.size / 2));
  closeSync(fd);
  utimesSync(file, before.atime, before.mtime);
}

describe('the cache integrity check at open', () => {
  it('a clean close leaves a marker that the next open uses up', () => {
    filled().close();
    expect(existsSync(`${file}.clean`)).toBe(true);
    const again = open();
    expect(existsSync(`${file}.clean`)).toBe(false);
    expect(again.rebuilt).toBe(false);
    expect(again.cases.readCase(makeCase(7).id)).toEqual(maskCase(makeCase(7)));
    again.close();
  });

  it('a file changed after the clean close is checked in full and rebuilt', () => {
    filled().close();
    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(32 * 1024), 0, 32 * 1024, Math.floor(statSync(file).size / 2));
    closeSync(fd);
    const again = open();
    expect(again.rebuilt).toBe(true);
    // the damaged file is deleted, not kept aside: only the fresh cache (and its WAL) is there
    expect(readdirSync(dir.dir).filter((f) => !/^cache\.sqlite(-wal|-shm)?$/.test(f))).toEqual([]);
    expect(again.cases.readCase(makeCase(7).id)).toBeNull();
    again.close();
  });

  it('without a clean close (a crash) the next open checks in full, even if the file looks untouched', () => {
    const cache = filled();
    cache.db.close(); // as a killed process would leave it: no marker
    expect(existsSync(`${file}.clean`)).toBe(false);
    scribbleKeepingTimes();
    const again = open();
    expect(again.rebuilt).toBe(true);
    again.close();
  });
});
