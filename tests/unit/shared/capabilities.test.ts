// The capability table the server authorises by and the desk offers from.
import { describe, expect, it } from 'vitest';
import { capability, templateScope } from '../../../shared/capabilities';
import { MUTATION_NAMES } from '../../../shared/mutations';
import type { Role } from '../../../shared/domain';
import { SHORTCUTS, shortcutCapability } from '../../../renderer/src/shortcuts/table';

const staff = (role: Role, agencyId: string | null = 'housing', active = true) => ({ role, agencyId, active });

describe('the capability table', () => {
  it('lets the call centre file requests and leave notes, and nothing else that changes a case', () => {
    const allowed = MUTATION_NAMES.filter((name) => capability(staff('callcentre', null), name).allowed);
    expect(allowed).toEqual(['case.create', 'case.note']);
    expect(capability(staff('callcentre', null), 'case.reply')).toEqual({ allowed: false, reason: 'callCentre' });
  });

  it('keeps bulk changes and assigning others to supervisors and admins', () => {
    for (const role of ['agent', 'callcentre'] as const) {
      expect(MUTATION_NAMES.filter((n) => n.startsWith('bulk.')).some((n) => capability(staff(role), n).allowed)).toBe(false);
      expect(capability(staff(role), 'case.assignOthers').allowed).toBe(false);
    }
    expect(capability(staff('supervisor'), 'bulk.assign').allowed).toBe(true);
    expect(capability(staff('admin', null), 'case.assignOthers').allowed).toBe(true);
  });

  it('refuses everything to a deactivated account', () => {
    expect(capability(staff('admin', null, false), 'case.note')).toEqual({ allowed: false, reason: 'inactive' });
    expect(capability(null, 'case.note').allowed).toBe(false);
  });

  it('scopes template management: a supervisor their own agency, national ones for admins', () => {
    expect(templateScope(staff('supervisor'), 'housing').allowed).toBe(true);
    expect(templateScope(staff('supervisor'), 'health')).toEqual({ allowed: false, reason: 'ownAgencyOnly' });
    expect(templateScope(staff('supervisor'), null)).toEqual({ allowed: false, reason: 'adminsOnly' });
    expect(templateScope(staff('admin', null), null).allowed).toBe(true);
    expect(templateScope(staff('agent'), 'housing')).toEqual({ allowed: false, reason: 'supervisorsOnly' });
  });

  it('denies the call centre the reply, assign and transfer keys of the shortcut table', () => {
    const denied = SHORTCUTS.filter((s) => !shortcutCapability(s, { ...staff('callcentre', null), id: 'x', username: 'cc', displayName: 'CC', languages: ['ar'], capacity: 0 }).allowed).map((s) => s.id);
    expect(denied).toEqual(expect.arrayContaining(['reply', 'assign', 'take', 'transfer', 'status', 'tags', 'template']));
    expect(denied).not.toContain('note');
    expect(denied).not.toContain('newCase');
  });
});
