// `staff list`, `staff add` and `staff update`: the accounts and the details a desk shows of
// them. Nothing printed carries a password hash or a cache secret.
import type { Language, Role, Staff } from '../../shared/domain';
import { staffSchema } from '../../shared/domain';
import { hashPassword } from '../auth/passwords';
import { UsageError } from '../cli-args';
import { nextId } from '../ids';
import { defineCommand } from './command';
import type { AdminCommand } from './command';
import { describeStaff, requireAgency, requireStaff } from './lookups';
import { PASSWORD_OPTIONS, passwordSource, resolvePassword } from './passwords';
import {
  auditAdminChange,
  insertStaff,
  isUniqueViolation,
  listStaff,
  updateStaffDetails,
  usernameTakenIgnoringCase,
} from './queries';
import { formatTable } from './table';
import {
  DEFAULT_CAPACITY,
  parseAgencyId,
  parseCapacity,
  parseDisplayName,
  parseLanguages,
  parseRole,
  parseUsername,
  requiredString,
  ROLE_NEEDS_AGENCY,
  stringValue,
} from './values';

/** agent and supervisor belong to one agency; call centre and admins to none (staffSchema). */
export function checkRoleAgency(role: Role, agencyId: string | undefined): void {
  if (ROLE_NEEDS_AGENCY[role] && agencyId === undefined)
    throw new UsageError(`the ${role} role belongs to one agency: give --agency ID`);
  if (!ROLE_NEEDS_AGENCY[role] && agencyId !== undefined)
    throw new UsageError(`the ${role} role sees every agency: leave out --agency`);
}

export const staffList: AdminCommand = defineCommand({
  group: 'staff',
  verb: 'list',
  summary: 'Lists staff accounts, active and inactive, by username.',
  options: {
    agency: { type: 'string', value: 'ID', help: "only this agency's staff" },
    role: { type: 'string', value: 'ROLE', help: 'only this role: agent, callcentre, supervisor or admin' },
  },
  jsonHelp: 'an array of {id, username, displayName, role, agencyId, languages, capacity, active}',
  parse(values) {
    const agency = stringValue(values, 'agency');
    const role = stringValue(values, 'role');
    return {
      ...(agency === undefined ? {} : { agencyId: parseAgencyId(agency) }),
      ...(role === undefined ? {} : { role: parseRole(role) }),
    };
  },
  async run({ store, out, json }, filter) {
    if (filter.agencyId !== undefined) await requireAgency(store.db, filter.agencyId, false);
    const staff = await listStaff(store.db, filter);
    if (json) {
      out.json(staff);
      return;
    }
    const table = formatTable(
      ['username', 'role', 'agency', 'active', 'capacity', 'languages', 'name'],
      staff.map((s) => [
        s.username,
        s.role,
        s.agencyId ?? '-',
        s.active ? 'yes' : 'no',
        String(s.capacity),
        s.languages.join(','),
        s.displayName,
      ]),
    );
    for (const line of table) out.line(line);
    out.line(`${staff.length} staff`);
  },
});

export const staffAdd: AdminCommand = defineCommand({
  group: 'staff',
  verb: 'add',
  summary: 'Adds a staff account that can log in at once.',
  options: {
    username: {
      type: 'string',
      value: 'U',
      help: 'login name: lower-case letters, digits, ".", "_" or "-" (required)',
    },
    name: { type: 'string', value: '"Display Name"', help: 'the name desks show (required)' },
    'name-ar': { type: 'string', value: '"الاسم"', help: 'the name the Arabic UI shows (default: --name)' },
    role: { type: 'string', value: 'ROLE', help: 'agent, callcentre, supervisor or admin (required)' },
    agency: {
      type: 'string',
      value: 'ID',
      help: 'the agency of an agent or a supervisor (required for them, refused for the others)',
    },
    languages: { type: 'string', value: 'ar,en', help: 'languages the person answers in (default ar,en)' },
    capacity: {
      type: 'string',
      value: 'N',
      help: 'open cases they are expected to carry (default: agent 40, supervisor 10, others 0)',
    },
    ...PASSWORD_OPTIONS,
  },
  notes: ['A generated password is printed once, on stdout; only its scrypt hash is stored.'],
  jsonHelp: '{staff, password} (password only when generated)',
  parse(values) {
    const role = parseRole(requiredString(values, 'role'));
    const agency = stringValue(values, 'agency');
    const agencyId = agency === undefined ? undefined : parseAgencyId(agency);
    checkRoleAgency(role, agencyId);
    const capacity = stringValue(values, 'capacity');
    const nameAr = stringValue(values, 'name-ar');
    return {
      username: parseUsername(requiredString(values, 'username')),
      displayName: parseDisplayName(requiredString(values, 'name')),
      ...(nameAr === undefined ? {} : { displayNameAr: parseDisplayName(nameAr, '--name-ar') }),
      role,
      agencyId: agencyId ?? null,
      languages: parseLanguages(stringValue(values, 'languages') ?? 'ar,en'),
      capacity: capacity === undefined ? DEFAULT_CAPACITY[role] : parseCapacity(capacity),
      password: passwordSource(values),
    };
  },
  async run({ store, out, json, now, osUser }, input) {
    const { password, show } = await resolvePassword(input.password);
    // scrypt before the transaction: it takes tens of milliseconds and holds no lock
    const passwordHash = await hashPassword(password);
    const staff: Staff = staffSchema.parse({
      id: `stf-${nextId(now).toLowerCase()}`,
      username: input.username,
      displayName: input.displayName,
      ...(input.displayNameAr === undefined ? {} : { displayNameAr: input.displayNameAr }),
      role: input.role,
      agencyId: input.agencyId,
      languages: input.languages,
      capacity: input.capacity,
      active: true,
    });
    try {
      await store.transaction(async (tx) => {
        if (staff.agencyId !== null) await requireAgency(tx, staff.agencyId, true);
        const taken = await usernameTakenIgnoringCase(tx, staff.username);
        if (taken !== undefined) throw new UsageError(`the username "${taken}" is taken`);
        await insertStaff(tx, staff, passwordHash);
        await auditAdminChange(
          tx,
          {
            action: 'staff.add',
            detail: {
              staffId: staff.id,
              username: staff.username,
              role: staff.role,
              agencyId: staff.agencyId,
              by: osUser,
            },
          },
          now,
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new UsageError(`the username "${staff.username}" is taken`);
      throw error;
    }
    if (json) {
      out.json({ staff, ...(show ? { password } : {}) });
      return;
    }
    out.line(`added ${describeStaff(staff)} as ${staff.id}`);
    if (show) out.line(`password: ${password}`);
    if (show) out.note('the password is shown this once; hand it over privately');
  },
});

export const staffUpdate: AdminCommand = defineCommand({
  group: 'staff',
  verb: 'update',
  summary: "Changes a staff member's display name, languages or capacity (set-role changes the role).",
  positionals: [{ name: 'U', help: 'the username' }],
  options: {
    name: { type: 'string', value: '"Display Name"', help: 'the name desks show' },
    'name-ar': { type: 'string', value: '"الاسم"', help: 'the name the Arabic UI shows' },
    languages: { type: 'string', value: 'ar,en', help: 'languages the person answers in' },
    capacity: { type: 'string', value: 'N', help: 'open cases they are expected to carry' },
  },
  notes: ['Open desks see the change when they next fetch reference data (at reconnect).'],
  jsonHelp: 'the staff member after the change',
  parse(values, [username]) {
    const name = stringValue(values, 'name');
    const nameAr = stringValue(values, 'name-ar');
    const languages = stringValue(values, 'languages');
    const capacity = stringValue(values, 'capacity');
    const changes: { displayName?: string; displayNameAr?: string; languages?: Language[]; capacity?: number } = {
      ...(name === undefined ? {} : { displayName: parseDisplayName(name) }),
      ...(nameAr === undefined ? {} : { displayNameAr: parseDisplayName(nameAr, '--name-ar') }),
      ...(languages === undefined ? {} : { languages: parseLanguages(languages) }),
      ...(capacity === undefined ? {} : { capacity: parseCapacity(capacity) }),
    };
    if (Object.keys(changes).length === 0)
      throw new UsageError('nothing to change: give --name, --name-ar, --languages or --capacity');
    return { username: username ?? '', changes };
  },
  async run({ store, out, json, now, osUser }, { username, changes }) {
    const after = await store.transaction(async (tx) => {
      const before = await requireStaff(tx, username);
      const next: Staff = { ...before, ...changes };
      await updateStaffDetails(tx, next);
      await auditAdminChange(
        tx,
        {
          action: 'staff.update',
          detail: {
            staffId: before.id,
            username,
            from: pick(before, changes),
            to: pick(next, changes),
            by: osUser,
          },
        },
        now,
      );
      return next;
    });
    if (json) out.json(after);
    else
      out.line(
        `updated ${describeStaff(after)}: ${after.displayName}, ${after.languages.join(',')}, capacity ${after.capacity}`,
      );
  },
});

function pick(staff: Staff, changes: object): Partial<Staff> {
  return Object.fromEntries(Object.keys(changes).map((key) => [key, staff[key as keyof Staff]]));
}
