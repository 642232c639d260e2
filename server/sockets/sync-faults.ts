// A test hook, off unless configured: selected agencies' bootstrap pages are refused or held
// (past any desk's page timeout) for their first N requests on this node, so tests can show
// that a desk still ends with every agency complete and never claims "up to date" before.
// TAWASUL_TEST_SYNC_FAULTS="refuse:3:housing,health;stall:2:interior" (stall: 20 s unless
// "stall:2:interior:8000" names the milliseconds).
import { MutationRefused } from '../mutations/errors';

export type SyncFaultRule = { mode: 'refuse' | 'stall'; times: number; agencyIds: readonly string[]; stallMs?: number };
export type SyncFaults = { beforeBootstrapPage(agencyId: string): Promise<void> };

const DEFAULT_STALL_MS = 20_000;

export function parseSyncFaults(text: string): SyncFaultRule[] {
  return text
    .split(';')
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const [mode, times, agencies, stall] = part.trim().split(':');
      if ((mode !== 'refuse' && mode !== 'stall') || !/^\d+$/.test(times ?? '') || agencies === undefined || agencies === '' || (stall !== undefined && !/^\d+$/.test(stall))) {
        throw new Error(`TAWASUL_TEST_SYNC_FAULTS: "${part}" is not "refuse|stall:TIMES:agency,agency[:ms]"`);
      }
      return { mode, times: Number(times), agencyIds: agencies.split(','), ...(stall === undefined ? {} : { stallMs: Number(stall) }) };
    });
}

export function createSyncFaults(rules: readonly SyncFaultRule[]): SyncFaults {
  const seen = new Map<string, number>();
  return {
    async beforeBootstrapPage(agencyId) {
      const rule = rules.find((r) => r.agencyIds.includes(agencyId));
      if (rule === undefined) return;
      const n = (seen.get(agencyId) ?? 0) + 1;
      seen.set(agencyId, n);
      if (n > rule.times) return;
      if (rule.mode === 'refuse') throw new MutationRefused('unavailable', `test fault: page ${n} of ${agencyId} refused`);
      await new Promise((resolve) => setTimeout(resolve, rule.stallMs ?? DEFAULT_STALL_MS));
    },
  };
}

export const noSyncFaults: SyncFaults = { beforeBootstrapPage: () => Promise.resolve() };
