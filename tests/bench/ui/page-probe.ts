// What the benchmark runs inside the page, installed before any of the page's own scripts:
// Event Timing entries for keydown (and first-input), and per j/k press the time of the next
// frame, of the selection moving, of the frame after that move (the paint that shows it, even
// when the page moves the selection in a later task than the keydown's) and of the newly
// selected case's thread being on screen.
// Kept as plain JavaScript text: a function serialised from this (transpiled) module could
// carry helper calls that do not exist in the page.
import type { BrowserContext, Page } from '@playwright/test';

export type PressRecord = {
  key: string;
  /** the event's own timestamp (when the key went down), ms since navigation start */
  timeStamp: number;
  frameAt: number | null;
  /** the frame after the selection was seen to move: the paint that shows the keypress */
  paintAt: number | null;
  fromId: string | null;
  toId: string | null;
  selectedAt: number | null;
  threadAt: number | null;
  threadFrameAt: number | null;
  settled: boolean;
};

export type EventTimingRecord = { entryType: string; name: string; startTime: number; duration: number; processingStart: number; processingEnd: number };

export type DeskCallRecord = { method: string; sentAt: number; repliedAt: number | null };

export type ProbeReport = {
  presses: PressRecord[];
  socket: { createdAt: number; openAt: number | null } | null;
  calls: DeskCallRecord[];
  entries: EventTimingRecord[];
  firstRowAt: number | null;
  firstRowFrameAt: number | null;
};

const PROBE = String.raw`
(() => {
  const sessionKey = __SESSION_KEY__;
  if (sessionKey !== null) sessionStorage.setItem('tawasul.deskSession', sessionKey);
  const state = { presses: [], entries: [], firstRowAt: null, firstRowFrameAt: null, socket: null, calls: [] };
  const waiters = new Map();
  Object.defineProperty(window, '__uiBench', { value: { state, settle, report: () => state } });

  const keep = (list) => {
    for (const e of list.getEntries()) {
      state.entries.push({ entryType: e.entryType, name: e.name, startTime: e.startTime, duration: e.duration, processingStart: e.processingStart, processingEnd: e.processingEnd });
    }
  };
  try {
    new PerformanceObserver(keep).observe({ type: 'event', durationThreshold: 16, buffered: true });
    new PerformanceObserver(keep).observe({ type: 'first-input', buffered: true });
  } catch (error) {
    state.eventTimingError = String(error);
  }

  // The desk's calls over the browser host's socket, timed from the page: where a start goes.
  const NativeSocket = window.WebSocket;
  const waitingCalls = new Map();
  window.WebSocket = class extends NativeSocket {
    constructor(url, protocols) {
      super(url, protocols);
      const socket = { createdAt: performance.now(), openAt: null };
      state.socket = socket;
      this.addEventListener('open', () => { socket.openAt = performance.now(); });
      this.addEventListener('message', (event) => {
        try {
          const frame = JSON.parse(event.data);
          const call = frame.type === 'reply' ? waitingCalls.get(frame.id) : undefined;
          if (call !== undefined) { call.repliedAt = performance.now(); waitingCalls.delete(frame.id); }
        } catch (error) { void error; }
      });
    }
    send(data) {
      try {
        const frame = JSON.parse(data);
        if (frame.type === 'call') {
          const call = { method: frame.method, sentAt: performance.now(), repliedAt: null };
          waitingCalls.set(frame.id, call);
          state.calls.push(call);
        }
      } catch (error) { void error; }
      super.send(data);
    }
  };

  // the frame after the next rAF: what was rendered before it has been handed to the compositor
  const afterNextFrame = (done) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(performance.now());
    channel.port2.postMessage(0);
  });

  const selectedId = () => {
    const row = document.querySelector('[data-testid="case-row"][aria-selected="true"]');
    return row === null ? null : row.getAttribute('data-case-id');
  };

  const firstRows = new MutationObserver(() => {
    const row = document.querySelector('[data-testid="case-row"]');
    if (row === null || row.getBoundingClientRect().height === 0) return;
    firstRows.disconnect();
    state.firstRowAt = performance.now();
    afterNextFrame((t) => { state.firstRowFrameAt = t; });
  });
  firstRows.observe(document, { childList: true, subtree: true, attributes: true });

  const wantsThread = () => document.querySelector('[data-testid="case-pane"]') !== null;

  function finish(index) {
    const press = state.presses[index];
    if (press.settled || press.frameAt === null || press.paintAt === null) return;
    if (wantsThread() && press.threadFrameAt === null) return;
    press.settled = true;
    const waiter = waiters.get(index);
    if (waiter !== undefined) waiter();
  }

  function settle(index, timeoutMs) {
    const press = state.presses[index];
    if (press === undefined) return Promise.resolve('missing');
    if (press.settled) return Promise.resolve('settled');
    return new Promise((resolve) => {
      const timer = setTimeout(() => { waiters.delete(index); resolve('timeout'); }, timeoutMs);
      waiters.set(index, () => { clearTimeout(timer); waiters.delete(index); resolve('settled'); });
    });
  }

  window.addEventListener('keydown', (event) => {
    if (event.code !== 'KeyJ' && event.code !== 'KeyK') return;
    const index = state.presses.length;
    const press = { key: event.key, timeStamp: event.timeStamp, frameAt: null, paintAt: null, fromId: selectedId(), toId: null, selectedAt: null, threadAt: null, threadFrameAt: null, settled: false };
    state.presses.push(press);
    afterNextFrame((t) => { press.frameAt = t; finish(index); });
    const check = () => {
      const id = selectedId();
      if (id === null || id === press.fromId) return false;
      if (press.selectedAt === null) {
        press.selectedAt = performance.now();
        afterNextFrame((t) => { press.paintAt = t; finish(index); });
      }
      press.toId = id;
      const pane = document.querySelector('[data-testid="case-pane"][data-case-id="' + CSS.escape(id) + '"]');
      const thread = pane === null ? null : pane.querySelector('[data-testid="thread"]');
      if (thread === null || thread.querySelector('[data-testid="message"]') === null) return false;
      press.threadAt = performance.now();
      afterNextFrame((t) => { press.threadFrameAt = t; finish(index); });
      return true;
    };
    const watcher = new MutationObserver(() => { if (check()) watcher.disconnect(); });
    watcher.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    setTimeout(() => watcher.disconnect(), 5000);
  }, true);
})();
`;

/** Installs the probe in every page of the context; `sessionKey` restores that desk session. */
export async function installProbe(context: BrowserContext, sessionKey: string | null): Promise<void> {
  await context.addInitScript({ content: PROBE.replace('__SESSION_KEY__', JSON.stringify(sessionKey)) });
}

export function probeReport(page: Page): Promise<ProbeReport> {
  return page.evaluate(() => (window as unknown as { __uiBench: { report(): ProbeReport } }).__uiBench.report());
}

export function settlePress(page: Page, index: number, timeoutMs: number): Promise<'settled' | 'timeout' | 'missing'> {
  return page.evaluate(
    ([i, t]) => (window as unknown as { __uiBench: { settle(i: number, t: number): Promise<'settled' | 'timeout' | 'missing'> } }).__uiBench.settle(i, t),
    [index, timeoutMs] as const,
  );
}
