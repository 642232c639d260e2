// SLA due times from an agency × kind policy, in working time (shared/working-time.ts).
import type { CaseKind, SlaPolicy } from '../../shared/domain';
import { addWorkingMinutes, workingMinutesPerDay, BAHRAIN_CALENDAR } from '../../shared/working-time';

const DAY = workingMinutesPerDay(BAHRAIN_CALENDAR);

/** Public-sector norms, used when an agency has no policy for a kind. */
export function defaultSlaPolicy(agencyId: string, kind: CaseKind): SlaPolicy {
  return {
    agencyId,
    kind,
    acknowledgeMinutes: 2 * DAY,
    firstResponseMinutes: 5 * DAY,
    resolutionMinutes: (kind === 'complaint' ? 20 : kind === 'suggestion' ? 30 : 5) * DAY,
    onTransfer: 'restart',
  };
}

export function slaDueTimes(policy: SlaPolicy, startMs: number): { firstResponseDueAt: number; resolutionDueAt: number } {
  return {
    firstResponseDueAt: addWorkingMinutes(startMs, policy.firstResponseMinutes),
    resolutionDueAt: addWorkingMinutes(startMs, policy.resolutionMinutes),
  };
}
