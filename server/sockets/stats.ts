// `stats.commitment`, `stats.workload`, `stats.volume`, and the dashboard's `stats.breachSoon`,
// `stats.queues` and `stats.year`: what the supervisor board and dashboard show. Supervisors see
// their own agency, admins every agency; asking for another agency is refused, never
// silently narrowed, so a board cannot mistake a refusal for an agency with no cases.
import type { CommitmentResult, VolumeResult, WorkloadResult } from '../../shared/protocol';
import { may } from '../../shared/capabilities';
import { channelSchema } from '../../shared/domain';
import { canSeeAgency } from '../auth/visibility';
import { CodedError } from '../../shared/errors';
import { commitmentRates, volumeByDay, workload } from '../store/stats';
import type { BreachSoonResult, QueuesResult, YearResult } from '../../shared/dashboard';
import { localYearStart } from '../../shared/dashboard';
import { addWorkingMinutes } from '../../shared/working-time';
import { agencyYear, breachingSoon, openQueue } from '../store/dashboard';
import type { HandlerDeps } from './handlers';
import type { DeskSocket } from './types';

function statsAgencies(socket: DeskSocket, asked: readonly string[] | undefined): string[] {
  const staff = socket.data.staff;
  if (!may(staff, 'screen.board')) {
    throw new CodedError('forbidden', 'statistics are for supervisors and admins');
  }
  if (asked === undefined) return [...socket.data.roomAgencyIds];
  for (const agencyId of asked) {
    if (!canSeeAgency(staff, agencyId)) throw new CodedError('forbidden', `you may not see ${agencyId}`, { agencyId });
  }
  return [...new Set(asked)];
}

export function registerStatsHandlers(socket: DeskSocket, deps: Pick<HandlerDeps, 'store' | 'serve'>): void {
  const { store, serve } = deps;

  serve('stats.commitment', async (request): Promise<CommitmentResult> => {
    const agencyIds = statsAgencies(socket, request.agencyIds);
    const to = Math.min(request.to, Date.now());
    const rows = await commitmentRates(store.db, store.dialect, {
      agencyIds,
      from: request.from,
      to,
      byKind: request.by.includes('kind'),
      byAssignee: request.by.includes('assignee'),
      period: request.period,
    });
    return { from: request.from, to: Math.max(to, request.from), rows };
  });

  serve('stats.volume', async (request): Promise<VolumeResult> => {
    const agencyIds = statsAgencies(socket, request.agencyIds);
    return { rows: (await volumeByDay(store.db, agencyIds, request.from, request.to)).map((r) => ({ ...r, channel: channelSchema.parse(r.channel) })) };
  });

  serve('stats.workload', async (request): Promise<WorkloadResult> => {
    const agencyIds = statsAgencies(socket, request.agencyIds);
    const now = Date.now();
    return { asOf: now, rows: await workload(store.db, agencyIds, now) };
  });

  serve('stats.breachSoon', async (request): Promise<BreachSoonResult> => {
    const agencyIds = statsAgencies(socket, request.agencyIds);
    const now = Date.now();
    // working hours of the agencies' one calendar (Sunday–Thursday, 07:00–14:00, Asia/Bahrain)
    const horizon = addWorkingMinutes(now, request.hours * 60);
    return { asOf: now, horizon, ...(await breachingSoon(store.db, agencyIds, now, horizon)) };
  });

  serve('stats.queues', async (request): Promise<QueuesResult> => {
    const agencyIds = statsAgencies(socket, request.agencyIds);
    const [reopened, escalated] = await Promise.all([openQueue(store.db, agencyIds, 'reopened'), openQueue(store.db, agencyIds, 'escalated')]);
    return { asOf: Date.now(), reopened, escalated };
  });

  serve('stats.year', async (request): Promise<YearResult> => {
    const agencyIds = statsAgencies(socket, request.agencyIds);
    const from = localYearStart(request.year);
    const to = localYearStart(request.year + 1);
    return { year: request.year, from, to, rows: await agencyYear(store.db, store.dialect, agencyIds, from, to, Date.now()) };
  });
}
