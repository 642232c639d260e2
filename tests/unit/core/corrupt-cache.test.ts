import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeskCore } from '../../../main/core/index';
import { sessionFileKey } from '../../../main/core/live-session';
import { openOutboxStore } from '../../../main/core/outbox/outbox-store';
import { writeSession } from '../../../main/core/session-store';
import type { Staff } from '../../../shared/domain';
import { SELF, TEST_DEVICE_KEY, tempDir } from './fixtures';
import { cacheKeyHex } from '../../../main/core/keys';
import { silentLogger } from '../../../main/core/logger';

const SECRET = 'a-cache-secret-of-thirty-two-characters';

// Nothing listens on port 9: the core restores its session and stays offline.
const SERVER = 'http://127.0.0.1:9';
const staff: Staff = {
  id: SELF, username: 'housing.agent1', displayName: 'Agent', role: 'agent', agencyId: 'housing',
  languages: ['ar'], capacity: 10, active: true,
};

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('desk-corrupt-');
});
afterEach(() => dir.remove());

describe('a corrupt cache file', () => {
  it('is deleted and rebuilt while the outbox keeps its mutations', async () => {
    writeSession(dir.dir, TEST_DEVICE_KEY, { serverUrl: SERVER, token: 't', staff, expiresAt: Date.now() + 3_600_000, cacheSecret: SECRET });
    const key = sessionFileKey(SERVER, SELF);
    mkdirSync(join(dir.dir, 'outbox'), { recursive: true });
    mkdirSync(join(dir.dir, 'caches'), { recursive: true });
    const store = openOutboxStore(join(dir.dir, 'outbox', `${key}.sqlite`), cacheKeyHex(TEST_DEVICE_KEY, SELF, SECRET), silentLogger);
    store.add({
      id: '01JZZZZZZZZZZZZZZZZZZZZZZZ', name: 'case.note', args: { caseId: 'c1', body: 'kept' }, caseIds: ['c1'],
      actorId: SELF, createdAt: 1, sendAfter: 1, sent: true, attempts: 1,
    });
    store.close();
    writeFileSync(join(dir.dir, 'caches', `${key}.sqlite`), Buffer.alloc(8192, 7));

    const core = createDeskCore({ dataDir: dir.dir, deviceKey: TEST_DEVICE_KEY, defaultServerUrl: SERVER, emit: () => undefined, reconnectBaseMs: 60_000 });
    try {
      expect((await core.handlers['session.current']({})).staff?.id).toBe(SELF);
      expect((await core.handlers['outbox.list']({})).map((m) => m.id)).toEqual(['01JZZZZZZZZZZZZZZZZZZZZZZZ']);
      expect((await core.handlers['views.counts']({})).all).toBe(0);
      expect(readdirSync(join(dir.dir, 'caches')).filter((f) => !f.startsWith(`${key}.sqlite`))).toEqual([]);
      expect((await core.handlers['sync.status']({})).outboxSize).toBe(1);
    } finally {
      await core.close();
    }
  });

  it('an expired or unreadable session file means signed out', async () => {
    writeFileSync(join(dir.dir, 'session.sealed'), '{not json');
    const core = createDeskCore({ dataDir: dir.dir, deviceKey: TEST_DEVICE_KEY, defaultServerUrl: SERVER, emit: () => undefined });
    expect(await core.handlers['session.current']({})).toEqual({ staff: null, serverUrl: null, defaultServerUrl: SERVER });
    await core.close();
  });
});
