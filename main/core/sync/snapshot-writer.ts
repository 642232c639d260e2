// Writes bootstrap pages to the cache. Pages of every agency being bootstrapped queue here and
// are written one after the other in time slices (../slices.ts) of a page's cases with their
// threads, each ~20 ms, with the event loop run between slices, so a call-centre bootstrap
// of 100,000 cases never holds the core (nor the other desks of a browser host) for longer
// than a slice. The slices share one transaction, committed once it holds ~300 ms of work or
// when no page waits: a commit writes every page its transaction dirtied, and a page of 2,000
// cases touches most leaf pages of the random-keyed indexes, so one commit per slice would
// write them over and over (measured on 108,000 cases: 5.5 s of commits at one per slice).
// A page's bootstrap progress (the cursor of the next page) is written with its last slice,
// and the page is reported written once that commits: a desk stopped before fetches the page
// again, and its cases already written are skipped by their version.
import type { Case, Message } from '../../../shared/domain';
import type { ApplyDeps } from './apply-changes';
import { applySnapshot } from './apply-changes';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { holdTransaction, inSlices } from '../slices';
import type { SliceSizer } from '../slices';

type QueuedPage = {
  cases: readonly Case[];
  messages: readonly Message[];
  alsoInTransaction: (() => void) | undefined;
  resolve: (touched: string[]) => void;
  reject: (error: Error) => void;
};

export type SnapshotWriter = {
  /**
   * resolves with the ids of the cases written, once the page's last slice has committed;
   * `alsoInTransaction` runs in that slice's transaction (its bootstrap progress)
   */
  write(cases: readonly Case[], messages: readonly Message[], alsoInTransaction?: () => void): Promise<string[]>;
};

export function createSnapshotWriter(deps: ApplyDeps, isClosed: () => boolean, sliceMs?: number): SnapshotWriter {
  const queue: QueuedPage[] = [];
  // what a slice can hold is learnt once and kept from page to page
  const sizer: SliceSizer = { size: 64 };
  const held = holdTransaction(deps.cache.db);
  /** pages whose last slice is written but not yet committed */
  let uncommitted: { page: QueuedPage; touched: string[] }[] = [];
  let writing = false;

  function committed(): void {
    for (const { page, touched } of uncommitted) page.resolve(touched);
    uncommitted = [];
  }

  /** A page's cases, each with its thread (a message of no case on the page goes with the last). */
  function threadsOf(page: QueuedPage): (part: readonly Case[], last: boolean) => Message[] {
    const threads = new Map<string, Message[]>();
    for (const m of page.messages) {
      const thread = threads.get(m.caseId);
      if (thread === undefined) threads.set(m.caseId, [m]);
      else thread.push(m);
    }
    return (part, last) => {
      const messages = part.flatMap((c) => {
        const thread = threads.get(c.id) ?? [];
        threads.delete(c.id);
        return thread;
      });
      if (last) for (const rest of threads.values()) messages.push(...rest);
      return messages;
    };
  }

  async function writePage(page: QueuedPage): Promise<void> {
    const messagesOf = threadsOf(page);
    const touched: string[] = [];
    const whole = await inSlices(
      page.cases,
      (part, last) => {
        held.slice(() => {
          touched.push(...applySnapshot(deps, part, messagesOf(part, last)));
          if (last) page.alsoInTransaction?.();
        });
        if (last) uncommitted.push({ page, touched });
        if (held.commit()) committed();
      },
      { stopped: () => isClosed() || !deps.cache.db.open, sizer, ...(sliceMs === undefined ? {} : { sliceMs }) },
    );
    if (!whole) throw new Error('the desk closed during the bootstrap');
  }

  /**
   * Commits what is held. A transaction opened by other work on this connection (the search
   * backfill's, which a new bootstrap makes it commit at its next slice) holds these slices
   * too: the pages are reported once it has ended.
   */
  async function commitNow(): Promise<void> {
    while (!held.commit(true)) {
      if (!deps.cache.db.open) throw new Error('the desk closed during the bootstrap');
      await yieldToLoop();
    }
    committed();
  }

  async function drain(): Promise<void> {
    writing = true;
    try {
      for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
        try {
          await writePage(page);
          if (queue.length === 0) await commitNow();
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          // the pages before this one are kept if their transaction still stands; a slice
          // that failed (or a closed file) took it with it, and they are fetched again
          if (held.holding() && held.commit(true)) committed();
          for (const { page: lost } of uncommitted) lost.reject(failure);
          uncommitted = [];
          page.reject(failure);
        }
      }
    } finally {
      writing = false;
    }
  }

  return {
    write(cases, messages, alsoInTransaction) {
      return new Promise((resolve, reject) => {
        queue.push({ cases, messages, alsoInTransaction, resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}
