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

/** j down a queue, then some k back, as an agent works and glances back (5:1). */
export function keyPlan(presses = 240): string[] {
  const back = Math.round(presses / 6);
  return [...Array<string>(presses - back).fill('j'), ...Array<string>(back).fill('k')];
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
export async function measureStart(page: Page, navigate: () => Promise<unknown>, timeoutMs = 60_000): Promise<StartTimes> {
  await navigate();
  await page.waitForSelector('[data-testid="case-row"]', { state: 'visible', timeout: timeoutMs });
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
  /** presses whose selection was painted in the first frame after the keydown */
  firstFrame: number;
  threadTimeouts: number;
};

/**
 * Per press, keydown to the paint that shows the moved selection: the frame after the move was
 * seen, or Event Timing's duration when the browser reported one and it is longer (it counts
 * until the frame is presented; it reports only ≥ 16 ms, in 8 ms steps).
 */
export function summarise({ presses, entries }: Walk): WalkSummary {
  const keydowns = entries.filter((e) => e.name === 'keydown');
  let fromEventTiming = 0;
  let firstFrame = 0;
  const paint: number[] = [];
  const thread: number[] = [];
  for (const press of presses) {
    // an entry's startTime is its event's timeStamp
    const entry = keydowns.find((e) => Math.abs(e.startTime - press.timeStamp) < 1);
    const framed = press.paintAt === null ? null : press.paintAt - press.timeStamp;
    if (entry !== undefined && (framed === null || entry.duration >= framed)) {
      fromEventTiming += 1;
      paint.push(entry.duration);
    } else if (framed !== null) {
      paint.push(framed);
    }
    if (press.paintAt !== null && press.frameAt !== null && press.paintAt <= press.frameAt + 1) firstFrame += 1;
    if (press.threadFrameAt !== null) thread.push(press.threadFrameAt - press.timeStamp);
  }
  return {
    count: presses.length,
    paint: { 50: percentile(paint, 50), 95: percentile(paint, 95) },
    thread: { 50: percentile(thread, 50), 95: percentile(thread, 95) },
    fromEventTiming,
    firstFrame,
    threadTimeouts: presses.length - thread.length,
  };
}

/** Several walks of one page: the median of their percentiles, and their spread. */
export type RepeatedWalks = {
  walks: WalkSummary[];
  paint: Record<50 | 95, number>;
  thread: Record<50 | 95, number>;
  count: number;
  fromEventTiming: number;
  firstFrame: number;
  threadTimeouts: number;
};

export function combine(walks: readonly WalkSummary[]): RepeatedWalks {
  const median = (pick: (w: WalkSummary) => number) => percentile(walks.map(pick), 50);
  const sum = (pick: (w: WalkSummary) => number) => walks.reduce((n, w) => n + pick(w), 0);
  return {
    walks: [...walks],
    paint: { 50: median((w) => w.paint[50]), 95: median((w) => w.paint[95]) },
    thread: { 50: median((w) => w.thread[50]), 95: median((w) => w.thread[95]) },
    count: sum((w) => w.count),
    fromEventTiming: sum((w) => w.fromEventTiming),
    firstFrame: sum((w) => w.firstFrame),
    threadTimeouts: sum((w) => w.threadTimeouts),
  };
}

/** "p95 over 3 walks: 14.2–17.9 ms" */
export function spreadOf(repeated: RepeatedWalks, pick: (w: WalkSummary) => number, label: string): string {
  const values = repeated.walks.map(pick).filter((v) => Number.isFinite(v));
  if (values.length === 0) return `${label}: none`;
  return `${label} over ${values.length} walks: ${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)} ms`;
}
