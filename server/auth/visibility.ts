// Tenancy: which agencies' cases a staff member may see. Agency staff see their own agency;
// the national call centre and admins see all of them.
import type { Staff } from '../../shared/domain';

export type Visibility = readonly string[] | 'all';

export function visibleAgencies(staff: Staff): Visibility {
  if (staff.role === 'callcentre' || staff.role === 'admin') return 'all';
  return staff.agencyId === null ? [] : [staff.agencyId];
}

export function canSeeAgency(staff: Staff, agencyId: string): boolean {
  const visible = visibleAgencies(staff);
  return visible === 'all' || visible.includes(agencyId);
}
