// The send queue: mutations go to the server one at a time, each case's in the order they
// were made, a held one when its time comes; the same id on every resend. What the server
// answers is handed to `settled`; "later" answers and undelivered sends stay for another try.
import type { MutateResult } from '../../../shared/protocol';
import type { WireError } from '../../../shared/errors';
import type { StoredMutation } from './outbox-store';
import type { OutboxOptions } from './outbox';

/** Rejections that say "later", not "no": the mutation stays and is sent again. */
const RETRY_LATER = new Set(['rate_limited']);
const RETRY_DELAY_MS = 2_000;

export type SendQueue = {
  /** sends what is waiting, if connected; call on every (re)connect and after each new mutation */
  flush(): void;
  /** sends a held mutation now (and any earlier one on the same cases): "Send now" */
  sendNow(mutationId: string): boolean;
  /** when the next waiting mutation goes, if one waits */
  nextSendAt(): number | null;
  close(): void;
};

export type SendAnswer = { kind: 'applied'; result: MutateResult } | { kind: 'rejected'; error: WireError };

type QueueOptions = Pick<OutboxOptions, 'store' | 'transport' | 'sizeChanged' | 'logger'> & {
  settled(m: StoredMutation, answer: SendAnswer): void;
};

/**
 * The next mutation due: the oldest whose time has come and that no earlier waiting
 * mutation shares a case with (a case's mutations go in the order they were made; a reply
 * held for the undo window does not hold up a take on another case).
 */
export function nextDue(mutations: readonly StoredMutation[], now: number): { due: StoredMutation | null; wakeAt: number | null } {
  const busy = new Set<string>();
  let wakeAt: number | null = null;
  for (const m of mutations) {
    if (!m.caseIds.some((id) => busy.has(id))) {
      if (m.sendAfter <= now) return { due: m, wakeAt: null };
      wakeAt = wakeAt === null ? m.sendAfter : Math.min(wakeAt, m.sendAfter);
    }
    for (const id of m.caseIds) busy.add(id);
  }
  return { due: null, wakeAt };
}

export function createSendQueue(o: QueueOptions): SendQueue {
  let flushing = false;
  let flushAgain = false;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  function schedule(delayMs: number): void {
    if (closed) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      flush();
    }, Math.max(0, delayMs));
  }

  /** Sends one mutation; false when the pass should stop (not delivered, or "later"). */
  async function sendOne(next: StoredMutation): Promise<boolean> {
    o.store.markSent(next.id);
    o.sizeChanged();
    const outcome = await o.transport.send({ id: next.id, name: next.name, args: next.args });
    if (closed) return false;
    if (outcome.kind === 'unsent') {
      o.logger.info({ mutationId: next.id, reason: outcome.reason }, 'mutation not delivered; will resend');
      // still connected (the ack timed out): try again later; otherwise the reconnect flushes
      if (o.transport.isConnected()) schedule(RETRY_DELAY_MS);
      return false;
    }
    if (outcome.kind === 'rejected' && RETRY_LATER.has(outcome.error.code)) {
      schedule(RETRY_DELAY_MS);
      return false;
    }
    o.settled(next, outcome);
    return true;
  }

  async function sendAll(): Promise<void> {
    while (!closed && o.transport.isConnected()) {
      const { due, wakeAt } = nextDue(o.store.list(), Date.now());
      if (due === null) {
        if (wakeAt !== null) schedule(wakeAt - Date.now());
        return;
      }
      if (!(await sendOne(due))) return;
    }
  }

  function flush(): void {
    if (closed) return;
    if (flushing) {
      // the running pass may have looked before this call's reason (a connect, Send now)
      flushAgain = true;
      return;
    }
    flushing = true;
    flushAgain = false;
    sendAll()
      .catch((error: unknown) => o.logger.error({ err: error }, 'outbox flush failed'))
      .finally(() => {
        flushing = false;
        if (flushAgain) flush();
      });
  }

  return {
    flush,
    sendNow(mutationId) {
      const m = o.store.get(mutationId);
      if (m === null || m.sent) return false;
      const now = Date.now();
      for (const earlier of o.store.list()) {
        if (earlier.id === m.id) break;
        if (earlier.sendAfter > now && earlier.caseIds.some((id) => m.caseIds.includes(id))) o.store.setSendAfter(earlier.id, now);
      }
      o.store.setSendAfter(m.id, now);
      o.sizeChanged();
      flush();
      return true;
    },
    nextSendAt() {
      let at: number | null = null;
      for (const m of o.store.list()) if (!m.sent) at = at === null ? m.sendAfter : Math.min(at, m.sendAfter);
      return at;
    },
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}
