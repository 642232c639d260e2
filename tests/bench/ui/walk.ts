// Driving a page with the keyboard at an agent's pace and turning the probe's records into
// figures: per press, keydown to the next paint (the Event Timing entry when the browser
// reported one, i.e. ≥16 ms; otherwise keydown → rAF → the frame after) and keydown to the
// newly selected case's thread on screen.
import type { Page } from '@playwright/test';
import { percentile } from '../report';
import { probeReport, settlePress } from './page-probe';
import type { ProbeReport, PressRecord } from './page-probe';

const SETTLE_TIMEOUT_MS = 3_000;

export type StartTimes = { firstRowFrameAt: number; jAnsweredAt: number; path: string };

/** Where the start went, as the page saw it: the socket to the host, then each desk call until the first row. */
function startPath(report: ProbeReport): string {
  const ms = (t: number | null | undefined) => (t == null ? '–' : t.toFixed(0));
  const parts = [`socket ${ms(report.socket?.createdAt)}→open ${ms(report.socket?.openAt)}`];
  const seen = new Set<string>();
  for (const call of report.calls) {
    if (seen.has(call.method) || call.sentAt > (report.firstRowAt ?? Infinity)) continue;
    seen.add(call.method);
    parts.push(`${call.method} ${ms(call.sentAt)}→${ms(call.repliedAt)}`);
  }
  return parts.join(', ');
}

/** ~200 j then some k, as an agent works down a queue and glances back. */
export function keyPlan(): string[] {
  return [...Array<string>(200).fill('j'), ...Array<string>(40).fill('k')];
}

/** A deterministic 50–100 ms gap, so two runs press at the same rhythm. */
function gaps(): () => number {
  let state = 12_345;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return 50 + (state / 2 ** 31) * 50;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Navigation start (the new document's time origin) to the first case row painted, then one j. */
export async function measureStart(page: Page, navigate: () => Promise<unknown>): Promise<StartTimes> {
  await navigate();
  await page.waitForSelector('[data-testid="case-row"]', { state: 'visible', timeout: 60_000 });
  const index = (await probeReport(page)).presses.length;
  await page.keyboard.press('j');
  await settlePress(page, index, 10_000);
  const report = await probeReport(page);
  const press = report.presses[index];
  if (report.firstRowFrameAt === null || press?.selectedAt == null) throw new Error('the page showed rows but did not answer j');
  return { firstRowFrameAt: report.firstRowFrameAt, jAnsweredAt: press.selectedAt, path: startPath(report) };
}

export type Walk = { presses: PressRecord[]; entries: ProbeReport['entries'] };

export async function walk(page: Page, plan: readonly string[]): Promise<Walk> {
  const first = (await probeReport(page)).presses.length;
  const gap = gaps();
  for (let i = 0; i < plan.length; i++) {
    const began = performance.now();
    await page.keyboard.press(plan[i] ?? 'j');
    await settlePress(page, first + i, SETTLE_TIMEOUT_MS);
    const left = gap() - (performance.now() - began);
    if (left > 0) await sleep(left);
  }
  // Event Timing entries are delivered after the frame: give the observer a moment
  await sleep(300);
  const report = await probeReport(page);
  return { presses: report.presses.slice(first), entries: report.entries };
}

export type WalkSummary = {
  count: number;
  paint: Record<50 | 95, number>;
  thread: Record<50 | 95, number>;
  fromEventTiming: number;
  threadTimeouts: number;
};

export function summarise({ presses, entries }: Walk): WalkSummary {
  const keydowns = entries.filter((e) => e.name === 'keydown');
  let fromEventTiming = 0;
  const paint: number[] = [];
  const thread: number[] = [];
  for (const press of presses) {
    // an entry's startTime is its event's timeStamp
    const entry = keydowns.find((e) => Math.abs(e.startTime - press.timeStamp) < 1);
    if (entry !== undefined) {
      fromEventTiming += 1;
      paint.push(entry.duration);
    } else if (press.frameAt !== null) {
      paint.push(press.frameAt - press.timeStamp);
    }
    if (press.threadFrameAt !== null) thread.push(press.threadFrameAt - press.timeStamp);
  }
  return {
    count: presses.length,
    paint: { 50: percentile(paint, 50), 95: percentile(paint, 95) },
    thread: { 50: percentile(thread, 50), 95: percentile(thread, 95) },
    fromEventTiming,
    threadTimeouts: presses.length - thread.length,
  };
}
