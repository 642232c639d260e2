// The records a command names on its command line, or a UsageError (exit 2) saying which one
// does not exist. Run inside the command's transaction, so what was checked is what is changed.
import type { Agency, Staff } from '../../shared/domain';
import { UsageError } from '../cli-args';
import type { Db, Tx } from '../store/db';
import { findAgency } from '../store/reference';
import { findStaffByUsername } from './queries';

export async function requireStaff(db: Db | Tx, username: string): Promise<Staff> {
  const staff = await findStaffByUsername(db, username);
  if (staff === undefined)
    throw new UsageError(`no staff member "${username}" (npm run admin -- staff list shows them)`);
  return staff;
}

/** An agency that exists; `forNewWork` also needs it active (no new staff for a closed agency). */
export async function requireAgency(db: Db | Tx, agencyId: string, forNewWork: boolean): Promise<Agency> {
  const agency = await findAgency(db, agencyId);
  if (agency === undefined)
    throw new UsageError(`no agency "${agencyId}" (npm run admin -- agencies list shows them)`);
  if (forNewWork && !agency.active) throw new UsageError(`agency "${agencyId}" is inactive`);
  return agency;
}

export function describeStaff(staff: Staff): string {
  return `${staff.username} (${staff.role}${staff.agencyId === null ? ', all agencies' : ` of ${staff.agencyId}`}${staff.active ? '' : ', inactive'})`;
}
