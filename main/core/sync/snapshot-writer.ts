// Writes bootstrap pages to the cache. Pages of every agency being bootstrapped queue here and
// are written one after the other in time slices (../slices.ts): a slice is one transaction of
// as many of a page's cases, with their threads, as fit in ~20 ms, and the event loop runs
// between slices, so a call-centre bootstrap of 100,000 cases never holds the core (nor the
// other desks of a browser host) for longer than a slice. A page's bootstrap progress (the
// cursor of the next page) is written with its last slice: a desk stopped inside a page
// fetches that page again, and its cases already written are skipped by their version.
// Grouping many pages into one transaction used to pay for itself (one commit per page
// rewrote most leaf pages of the random-keyed indexes); a first bootstrap now drops those
// indexes while it loads (cache/bulk-load.ts), and the pages come in id order, so a slice
// dirties few pages beyond its own rows.
import type { Case, Message } from '../../../shared/domain';
import type { ApplyDeps } from './apply-changes';
import { applySnapshot } from './apply-changes';
import { inSlices } from '../slices';
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
  let writing = false;

  async function writePage(page: QueuedPage): Promise<string[]> {
    const threads = new Map<string, Message[]>();
    for (const m of page.messages) {
      const thread = threads.get(m.caseId);
      if (thread === undefined) threads.set(m.caseId, [m]);
      else thread.push(m);
    }
    const touched: string[] = [];
    const whole = await inSlices(
      page.cases,
      (part, last) =>
        deps.cache.transaction(() => {
          const messages = part.flatMap((c) => {
            const thread = threads.get(c.id) ?? [];
            threads.delete(c.id);
            return thread;
          });
          // a message of no case on the page (never sent so) still goes in, with the last slice
          if (last) for (const rest of threads.values()) messages.push(...rest);
          touched.push(...applySnapshot(deps, part, messages));
          if (last) page.alsoInTransaction?.();
        }),
      { stopped: () => isClosed() || !deps.cache.db.open, sizer, ...(sliceMs === undefined ? {} : { sliceMs }) },
    );
    if (!whole) throw new Error('the desk closed during the bootstrap');
    return touched;
  }

  async function drain(): Promise<void> {
    writing = true;
    try {
      for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
        try {
          page.resolve(await writePage(page));
        } catch (error) {
          page.reject(error instanceof Error ? error : new Error(String(error)));
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
