// Writes bootstrap pages to the cache. Pages of every agency being bootstrapped queue here and
// whatever has queued by the time the writer runs goes in ONE transaction: a commit writes
// every index page the batch touched, and a page of 2,000 cases touches most leaf pages of
// the random-keyed indexes (ref, CPR, phone…), so one commit per page cost more than the rows
// (measured: 108,000 cases, 9.3 s at one commit per page, 5.7 s grouped).
import type { Case, Message } from '../../../shared/domain';
import type { ApplyDeps } from './apply-changes';
import { applySnapshot } from './apply-changes';

type QueuedPage = {
  cases: readonly Case[];
  messages: readonly Message[];
  alsoInTransaction: (() => void) | undefined;
  resolve: (touched: string[]) => void;
  reject: (error: Error) => void;
};

export type SnapshotWriter = {
  /**
   * resolves with the ids of the cases written, once their transaction has committed;
   * `alsoInTransaction` runs in that transaction after the page (its bootstrap progress)
   */
  write(cases: readonly Case[], messages: readonly Message[], alsoInTransaction?: () => void): Promise<string[]>;
};

export function createSnapshotWriter(
  deps: ApplyDeps,
  isClosed: () => boolean,
  /** bounds one transaction, so the event loop is never held for long */
  maxCasesPerCommit = 20_000,
): SnapshotWriter {
  const queue: QueuedPage[] = [];
  let scheduled = false;

  function drain(): void {
    scheduled = false;
    const batch: QueuedPage[] = [];
    let cases = 0;
    while (queue.length > 0 && (batch.length === 0 || cases + queue[0].cases.length <= maxCasesPerCommit)) {
      const page = queue.shift()!;
      batch.push(page);
      cases += page.cases.length;
    }
    if (isClosed()) {
      for (const page of batch) page.reject(new Error('the desk closed during the bootstrap'));
    } else {
      try {
        const touched = deps.cache.transaction(() =>
          batch.map((page) => {
            const written = applySnapshot(deps, page.cases, page.messages);
            page.alsoInTransaction?.();
            return written;
          }),
        );
        batch.forEach((page, i) => page.resolve(touched[i]));
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const page of batch) page.reject(failure);
      }
    }
    if (queue.length > 0) schedule();
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    // after pending I/O callbacks, so the pages that arrived meanwhile join this batch
    setImmediate(drain);
  }

  return {
    write(cases, messages, alsoInTransaction) {
      return new Promise((resolve, reject) => {
        queue.push({ cases, messages, alsoInTransaction, resolve, reject });
        schedule();
      });
    },
  };
}
