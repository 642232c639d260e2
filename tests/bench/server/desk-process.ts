// One colleague's desk core in a process of its own (as on a colleague's own machine), for the
// bulk benchmark (bulk-desk.bench.ts): it signs in, syncs the agency, says `ready`, then for
// each `watch` says when its cache shows the watched cases with their new assignee. It learns
// that from the core's own `cases.changed` event (after the core's coalescing window, as the
// renderer would), so the time reported is when this desk could show the change.
import { join } from 'node:path';
import { createDeskCore } from '../../../main/core/index';
import type { DeskCore } from '../../../main/core/index';
import { fileModeSealer, loadDeviceKey } from '../../../main/core/keys';
import type { DeskEvent } from '../../../shared/desk-api';

export type DeskProcessMessage =
  | { type: 'watch'; round: number; expect: { caseId: string; assigneeId: string }[] }
  | { type: 'stop' };

export type DeskProcessReport =
  | { type: 'ready'; cases: number }
  | { type: 'applied'; round: number; at: number }
  | { type: 'failed'; message: string };

const dataDir = process.env.DESK_DATA_DIR ?? '';
const serverUrl = process.env.DESK_SERVER_URL ?? '';
const username = process.env.DESK_USERNAME ?? '';
const PASSWORD = 'tawasul-demo';

const wallClock = () => performance.timeOrigin + performance.now();
const send = (report: DeskProcessReport) => process.send?.(report);

let watching: Extract<DeskProcessMessage, { type: 'watch' }> | null = null;
let core: DeskCore | null = null;

async function watchedApplied(): Promise<boolean> {
  if (watching === null || core === null) return false;
  for (const { caseId, assigneeId } of watching.expect) {
    const shown = await core.handlers['cases.get']({ caseId });
    if (shown?.case.assigneeId !== assigneeId) return false;
  }
  return true;
}

function onEvent(event: DeskEvent): void {
  if (event !== 'cases.changed' || watching === null) return;
  const at = wallClock();
  const round = watching.round;
  void watchedApplied().then((done) => {
    if (done && watching?.round === round) {
      watching = null;
      send({ type: 'applied', round, at });
    }
  });
}

async function main(): Promise<void> {
  core = createDeskCore({
    dataDir,
    deviceKey: loadDeviceKey(join(dataDir, 'device-key'), fileModeSealer),
    defaultServerUrl: serverUrl,
    emit: (event) => onEvent(event),
    requestTimeoutMs: 60_000,
  });
  const desk = core;
  await desk.handlers['session.login']({ username, password: PASSWORD });
  for (;;) {
    const status = await desk.handlers['sync.status']({});
    if (status.state === 'online' && status.progress === null && status.searchIndexing == null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const counts = await desk.handlers['views.counts']({});
  send({ type: 'ready', cases: Object.values(counts).reduce((n, c) => Math.max(n, typeof c === 'number' ? c : 0), 0) });
  process.on('message', (message: DeskProcessMessage) => {
    if (message.type === 'stop') {
      void desk.close().then(() => process.exit(0));
      return;
    }
    watching = message;
  });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
