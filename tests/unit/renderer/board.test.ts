import { describe, expect, it } from 'vitest';
import type { Staff } from '../../../shared/domain';
import { boardAgents, mayUseBoard } from '../../../renderer/src/state/board';
import { agentStatus } from '../../../renderer/src/state/workload';

const person = (username: string, role: Staff['role'], agencyId: string | null, active = true): Staff => ({
  id: `stf-${username}`,
  username,
  displayName: username.toUpperCase(),
  role,
  agencyId,
  languages: ['ar', 'en'],
  capacity: 40,
  active,
});

describe('supervisor board', () => {
  it('is for supervisors and admins only', () => {
    expect(mayUseBoard(person('housing.supervisor', 'supervisor', 'housing'))).toBe(true);
    expect(mayUseBoard(person('admin', 'admin', null))).toBe(true);
    expect(mayUseBoard(person('housing.agent1', 'agent', 'housing'))).toBe(false);
    expect(mayUseBoard(person('callcentre.agent1', 'callcentre', null))).toBe(false);
    expect(mayUseBoard(null)).toBe(false);
  });

  it('lists the active agents and the supervisor of the supervisor’s own agency, by name', () => {
    const self = person('housing.supervisor', 'supervisor', 'housing');
    const staff = [
      person('housing.agent2', 'agent', 'housing'),
      person('housing.agent1', 'agent', 'housing'),
      person('housing.agent3', 'agent', 'housing', false),
      person('works.agent1', 'agent', 'works'),
      person('callcentre.agent1', 'callcentre', null),
    ];
    expect(boardAgents(self, staff).map((s) => s.username)).toEqual(['housing.agent1', 'housing.agent2', 'housing.supervisor']);
  });
});

describe('an agent’s status on the board, in the picker and in the cover preview', () => {
  const NOW = Date.UTC(2026, 11, 2, 8);
  const leave = { from: NOW - 3_600_000, to: NOW + 3_600_000 };
  it('says on leave first, then online, away or offline; unknown without presence', () => {
    expect(agentStatus(undefined, NOW)).toBe('unknown');
    expect(agentStatus({ online: true, away: false, leave }, NOW)).toBe('leave');
    expect(agentStatus({ online: true, away: false, leave: null }, NOW)).toBe('online');
    expect(agentStatus({ online: false, away: true, leave: null }, NOW)).toBe('away');
    expect(agentStatus({ online: false, away: false, leave: null }, NOW)).toBe('offline');
    // a leave still to come does not change today's status
    expect(agentStatus({ online: false, away: true, leave: { from: NOW + 1, to: NOW + 2 } }, NOW)).toBe('away');
  });
});
