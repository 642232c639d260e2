// The DeskApi handlers over the live session. Each receives arguments already parsed by the
// dispatcher (shared/desk-bridge.ts) and throws CodedError with a stable code on failure.
import { ulid } from 'ulid';
import type { DeskHandlers, SyncStatus } from '../../shared/desk-api';
import type { Language } from '../../shared/domain';
import type { LiveSession } from './live-session';
import { onlineRequest } from './online-request';
import type { StoredSession } from './session-store';
import { CodedError } from '../../shared/errors';
import { normalizeForSearch } from '../../shared/arabic';
import { citizenNumberOf } from '../../shared/domain';

export type CoreState = {
  defaultServerUrl: string;
  session(): StoredSession | null;
  live(): LiveSession | null;
  login(serverUrl: string, username: string, password: string): Promise<StoredSession>;
  logout(): Promise<void>;
  status(): SyncStatus;
  /** the UI's language, as the renderer last said (`ui.language`) */
  setUiLanguage(language: Language): void;
};

const REFERENCE_WAIT_MS = 15_000;

function requireLive(state: CoreState): LiveSession {
  const live = state.live();
  if (live === null) throw new CodedError('not_logged_in', 'sign in to the case server first');
  return live;
}

async function waitForReference(live: LiveSession): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), REFERENCE_WAIT_MS);
  });
  const outcome = await Promise.race([live.referenceReady.then(() => 'ready' as const), timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    throw new CodedError('server_unreachable', 'the reference data has not arrived from the case server yet');
  }
}

/** The change is committed; the server's `reference.changed` refetches too if this one fails. */
async function refreshAfterChange(live: LiveSession): Promise<void> {
  await live.engine.refreshReference().catch(() => undefined);
}

type LooseHandlers = {
  [M in keyof DeskHandlers]: (args: Parameters<DeskHandlers[M]>[0]) => Awaited<ReturnType<DeskHandlers[M]>> | ReturnType<DeskHandlers[M]>;
};

/** Every handler returns a promise, even when its body throws synchronously. */
function asyncHandlers(loose: LooseHandlers): DeskHandlers {
  const wrapped: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const [method, handler] of Object.entries(loose) as [string, (args: unknown) => unknown][]) {
    wrapped[method] = (args) => {
      try {
        return Promise.resolve(handler(args));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
  }
  return wrapped as unknown as DeskHandlers;
}

export function createHandlers(state: CoreState): DeskHandlers {
  const viewContext = (live: LiveSession) => ({ selfId: live.session.staff.id, now: Date.now() });
  return asyncHandlers({
    'session.current': () => {
      const session = state.session();
      return {
        staff: session?.staff ?? null,
        serverUrl: session?.serverUrl ?? null,
        defaultServerUrl: state.defaultServerUrl,
      };
    },
    'session.login': async (args) => {
      const session = await state.login(args.serverUrl ?? state.defaultServerUrl, args.username, args.password);
      return { staff: session.staff, serverUrl: session.serverUrl };
    },
    'session.logout': async () => {
      await state.logout();
      return null;
    },
    'ui.language': (args) => {
      state.setUiLanguage(args.language);
      return null;
    },
    'reference.get': async () => {
      const live = requireLive(state);
      await waitForReference(live);
      const ref = live.reference();
      if (ref === null) throw new CodedError('not_ready', 'no reference data yet');
      return {
        self: ref.self,
        agencies: ref.agencies,
        staff: ref.staff,
        templates: ref.templates,
        slaPolicies: ref.slaPolicies,
        workload: live.cache.views.workload(),
      };
    },
    'views.counts': () => {
      const live = requireLive(state);
      return live.cache.views.counts(viewContext(live));
    },
    'cases.page': (args) => {
      const live = requireLive(state);
      return live.cache.views.page(args, viewContext(live));
    },
    'cases.search': async (args) => {
      const live = requireLive(state);
      // a CPR or phone number: the cache holds them masked, so the server (audited) says whose
      // cases they are; offline the answer says the number could not be looked up
      const number = citizenNumberOf(normalizeForSearch(args.query));
      let citizenCaseIds: string[] = [];
      let citizenLookup: 'offline' | undefined;
      if (number !== null) {
        try {
          citizenCaseIds = (await onlineRequest(live, 'case.lookupCitizen', { number }, 'looking up a caller by number')).caseIds;
        } catch (error) {
          if (!(error instanceof CodedError) || error.code !== 'offline') throw error;
          citizenLookup = 'offline';
        }
      }
      const rows = live.cache.search.search(args, viewContext(live), citizenCaseIds);
      return {
        rows,
        ...(live.cache.searchIndex.deferred() ? { indexing: true } : {}),
        ...(citizenLookup === undefined ? {} : { citizenLookup }),
      };
    },
    'cases.get': ({ caseId }) => {
      const live = requireLive(state);
      const c = live.cache.cases.readCase(caseId);
      if (c === null) {
        // transferred to an agency this desk does not see: read-only, nothing pending
        const moved = live.cache.cases.readMoved(caseId);
        return moved === null ? null : { case: moved, messages: live.cache.cases.messagesOf(caseId), pending: [], viewers: [] };
      }
      return {
        case: c,
        messages: live.cache.cases.messagesOf(caseId),
        pending: live.outbox.list().filter((m) => m.caseIds.includes(caseId)),
        viewers: live.presence.viewersOf(caseId),
      };
    },
    'cases.mutate': ({ name, args }) => {
      const live = requireLive(state);
      return live.outbox.mutate(name, args);
    },
    'presence.set': async (args) => {
      const live = requireLive(state);
      const outcome = await live.engine.request('presence.set', args);
      // presence is ephemeral: offline, it is simply not shown to others
      if (outcome.kind === 'error') throw CodedError.from(outcome.error);
      return null;
    },
    'sync.status': () => state.status(),
    'sync.retry': () => {
      state.live()?.engine.retryNow();
      return null;
    },
    'outbox.list': () => requireLive(state).outbox.list(),
    'outbox.undo': ({ mutationId }) => requireLive(state).outbox.undo(mutationId),
    'outbox.flush': ({ mutationId }) => ({ flushed: requireLive(state).outbox.sendNow(mutationId) }),
    'stats.commitment': (args) => onlineRequest(requireLive(state), 'stats.commitment', args, 'the response-commitment rate'),
    'stats.workload': (args) => onlineRequest(requireLive(state), 'stats.workload', args, 'the workload per agent'),
    'stats.volume': (args) => onlineRequest(requireLive(state), 'stats.volume', args, 'the volume of requests'),
    'stats.breachSoon': (args) => onlineRequest(requireLive(state), 'stats.breachSoon', args, 'the cases about to breach'),
    'stats.queues': (args) => onlineRequest(requireLive(state), 'stats.queues', args, 'the reopened and escalated queues'),
    'stats.year': (args) => onlineRequest(requireLive(state), 'stats.year', args, "the agency's year"),
    'presence.setAway': (args) => onlineRequest(requireLive(state), 'presence.setAway', args, 'being away'),
    'supervision.state': (args) => onlineRequest(requireLive(state), 'supervision.state', args, 'who is online and on leave'),
    'supervision.setLeave': (args) => onlineRequest(requireLive(state), 'supervision.setLeave', args, "setting an agent's leave"),
    'supervision.setAutoAssign': (args) => onlineRequest(requireLive(state), 'supervision.setAutoAssign', args, 'setting auto-assignment'),
    'massGroups.list': (args) => onlineRequest(requireLive(state), 'massGroups.list', args, 'the mass-complaint groups'),
    'cases.citizenDetails': (args) => onlineRequest(requireLive(state), 'case.citizenDetails', args, "the citizen's details"),
    'templates.list': async () => {
      const live = requireLive(state);
      await waitForReference(live);
      return live.reference()?.templates ?? [];
    },
    // after the server's ack the reference data is fetched again before answering, so the
    // templates screen and the composer's picker show the change as soon as the call returns
    'templates.save': async (args) => {
      const live = requireLive(state);
      // one id for the change, so a resend after a lost ack is applied once
      const pair = await onlineRequest(live, 'templates.save', { ...args, mutationId: args.mutationId ?? ulid() }, 'saving a reply template');
      await refreshAfterChange(live);
      return pair;
    },
    'templates.archive': async (args) => {
      const live = requireLive(state);
      const pair = await onlineRequest(live, 'templates.archive', { ...args, mutationId: args.mutationId ?? ulid() }, 'archiving a reply template');
      await refreshAfterChange(live);
      return pair;
    },
  });
}
