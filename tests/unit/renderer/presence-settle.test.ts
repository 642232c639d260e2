import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDeskClient } from '../../../shared/desk-bridge';
import type { DeskMethod } from '../../../shared/desk-api';
import type * as OpenCase from '../../../renderer/src/state/open-case';
import type { Reply } from '../../../shared/rpc';

// The renderer's real DeskApi client over an in-process transport that records what the
// core is asked; every case is unknown to it (cases.get answers null).
const asked: { method: DeskMethod; args: unknown }[] = [];
const transport = {
  invoke: (method: DeskMethod, args: unknown): Promise<Reply> => {
    asked.push({ method, args });
    return Promise.resolve({ ok: true, value: null });
  },
  subscribe: () => () => undefined,
};
const presenceSent = () => asked.filter((a) => a.method === 'presence.set').map((a) => a.args);

let openCase: typeof OpenCase;

beforeAll(async () => {
  vi.useFakeTimers();
  const storage = new Map<string, string>();
  // the composer keeps drafts in localStorage; this suite runs without a DOM
  vi.stubGlobal('window', { localStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v) } });
  const { setDesk } = await import('../../../renderer/src/desk/client');
  setDesk(createDeskClient(transport));
  openCase = await import('../../../renderer/src/state/open-case');
});

afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('presence while the selection moves', () => {
  it('tells colleagues nothing about the cases passed with j, only the one the selection rests on', async () => {
    for (const caseId of ['case-a', 'case-b', 'case-c']) {
      openCase.showCase(caseId);
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(presenceSent()).toEqual([]);
    await vi.advanceTimersByTimeAsync(openCase.PRESENCE_SETTLE_MS);
    expect(presenceSent()).toEqual([{ caseId: 'case-c', state: 'viewing' }]);
  });

  it('leaves the case it announced when the selection rests elsewhere', async () => {
    asked.length = 0;
    openCase.showCase('case-d');
    await vi.advanceTimersByTimeAsync(openCase.PRESENCE_SETTLE_MS);
    expect(presenceSent()).toEqual([
      { caseId: 'case-c', state: null },
      { caseId: 'case-d', state: 'viewing' },
    ]);
  });

  it('says at once that the agent is replying on the case it rests on', async () => {
    asked.length = 0;
    openCase.announcePresence('replying');
    await vi.advanceTimersByTimeAsync(0);
    expect(presenceSent()).toEqual([{ caseId: 'case-d', state: 'replying' }]);
  });

  it('leaves the case when nothing is selected any more', async () => {
    asked.length = 0;
    openCase.showCase(null);
    await vi.advanceTimersByTimeAsync(openCase.PRESENCE_SETTLE_MS);
    expect(presenceSent()).toEqual([{ caseId: 'case-d', state: null }]);
  });
});
