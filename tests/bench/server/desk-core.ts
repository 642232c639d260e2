// A desk core in the benchmark's own process, as a supervisor's desk (bulk-desk.bench.ts):
// the undo hold at 0, so a mutation goes as soon as it is recorded, and a promise per mutation
// for when the core has settled the server's ack.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeskCore } from '../../../main/core/index';
import type { DeskCore } from '../../../main/core/index';
import { fileModeSealer, loadDeviceKey } from '../../../main/core/keys';
import { PASSWORD } from './support';

const wallClock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type BenchCore = DeskCore & { dir: string; applied(mutationId: string): Promise<number> };

/** A desk core in this process with the undo hold at 0; `applied` resolves when the server's ack is settled. */
export function startBenchCore(serverUrl: string): BenchCore {
  const dir = mkdtempSync(join(tmpdir(), 'tawasul-bulk-desk-'));
  const waiting = new Map<string, (at: number) => void>();
  const settled = new Map<string, number>();
  const core = createDeskCore({
    dataDir: dir,
    deviceKey: loadDeviceKey(join(dir, 'device-key'), fileModeSealer),
    defaultServerUrl: serverUrl,
    mutationHoldMs: 0,
    undoWindowMs: 0,
    requestTimeoutMs: 60_000,
    emit: (event, payload) => {
      if (event !== 'mutation.applied' && event !== 'mutation.rejected') return;
      const { mutationId } = payload as { mutationId: string };
      const at = event === 'mutation.applied' ? wallClock() : Number.NaN;
      const resolve = waiting.get(mutationId);
      if (resolve === undefined) settled.set(mutationId, at);
      else resolve(at);
    },
  });
  return Object.assign(core, {
    dir,
    applied(mutationId: string): Promise<number> {
      const known = settled.get(mutationId);
      if (known !== undefined) return Promise.resolve(known);
      return new Promise<number>((resolve) => waiting.set(mutationId, resolve));
    },
  });
}

export async function signedInAndSynced(core: DeskCore, username: string): Promise<void> {
  await core.handlers['session.login']({ username, password: PASSWORD });
  for (;;) {
    const status = await core.handlers['sync.status']({});
    if (status.state === 'online' && status.progress === null && status.searchIndexing == null) return;
    await sleep(100);
  }
}

