// One desk core per desk id: the keyed hash of a browser's desk cookie and a tab's key (kept in
// its sessionStorage), host-access.ts. Two browser contexts are two desks in one process, a
// reload keeps its desk, and a desk with no page attached is closed after a grace period. Its
// folder is named by the id, from which neither the cookie nor the tab key can be recovered.
import { join } from 'node:path';
import { makePrivateDir } from '../core/private-files';
import { createDeskCore } from '../core/index';
import type { CoreLogger, DeskCore, DeskCoreOptions } from '../core/index';
import type { DeskEvent } from '../../shared/desk-api';
import { createDeskDispatcher } from '../../shared/desk-bridge';
import type { DeskDispatch } from '../../shared/desk-bridge';

import { DESK_ID_PATTERN } from './host-access';

export type EventSink = (event: DeskEvent, payload: unknown) => void;

type DeskEntry = {
  core: DeskCore;
  dispatch: DeskDispatch;
  sinks: Set<EventSink>;
  idleTimer: NodeJS.Timeout | null;
};

export type DeskSessionsOptions = {
  dataDir: string;
  deviceKey: Buffer;
  defaultServerUrl: string;
  logger: CoreLogger;
  idleCloseMs: number;
  coreOptions?: Partial<DeskCoreOptions>;
};

export type DeskSessions = {
  /** Attaches a page to the desk of its key (creating it); returns the dispatcher and a detach. */
  attach(key: string, sink: EventSink): { dispatch: DeskDispatch; detach: () => void };
  size(): number;
  close(): Promise<void>;
};

export function createDeskSessions(o: DeskSessionsOptions): DeskSessions {
  const desks = new Map<string, DeskEntry>();

  function closeDesk(key: string): Promise<void> {
    const entry = desks.get(key);
    if (entry === undefined) return Promise.resolve();
    desks.delete(key);
    if (entry.idleTimer !== null) clearTimeout(entry.idleTimer);
    return entry.core.close();
  }

  return {
    attach(key, sink) {
      if (!DESK_ID_PATTERN.test(key)) throw new Error('a desk id is 64 hex characters');
      let entry = desks.get(key);
      if (entry === undefined) {
        const sinks = new Set<EventSink>();
        makePrivateDir(join(o.dataDir, 'sessions'));
        const core = createDeskCore({
          ...o.coreOptions,
          dataDir: join(o.dataDir, 'sessions', key),
          deviceKey: o.deviceKey,
          defaultServerUrl: o.defaultServerUrl,
          logger: o.logger,
          emit: (event, payload) => {
            for (const s of sinks) s(event, payload);
          },
        });
        entry = { core, dispatch: createDeskDispatcher(core.handlers), sinks, idleTimer: null };
        desks.set(key, entry);
        o.logger.info({ desks: desks.size }, 'desk opened for a browser session');
      }
      if (entry.idleTimer !== null) {
        clearTimeout(entry.idleTimer);
        entry.idleTimer = null;
      }
      entry.sinks.add(sink);
      const attached = entry;
      return {
        dispatch: attached.dispatch,
        detach: () => {
          attached.sinks.delete(sink);
          if (attached.sinks.size > 0 || desks.get(key) !== attached) return;
          attached.idleTimer = setTimeout(() => {
            void closeDesk(key).then(() => o.logger.info({ desks: desks.size }, 'idle desk closed'));
          }, o.idleCloseMs);
          attached.idleTimer.unref();
        },
      };
    },
    size: () => desks.size,
    async close() {
      await Promise.all([...desks.keys()].map(closeDesk));
    },
  };
}
