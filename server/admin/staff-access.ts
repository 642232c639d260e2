// What a staff member may do and whether they can log in: `staff set-role`, `deactivate`,
// `activate` and `reset-password`. Every one that narrows access ends the person's sessions in
// the same transaction, so the old token is refused from the next request or socket handshake.
// A desk socket already open on a running server keeps the staff member it was opened with
// (server/sockets/io.ts resolves the session at the handshake only) until it reconnects.
import type { Role, Staff } from '../../shared/domain';
import { hashPassword } from '../auth/passwords';
import { UsageError } from '../cli-args';
import { defineCommand } from './command';
import type { AdminCommand, Output } from './command';
import { describeStaff, requireAgency, requireStaff } from './lookups';
import { PASSWORD_OPTIONS, passwordSource, resolvePassword } from './passwords';
import {
  auditAdminChange,
  openCasesAssignedTo,
  revokeStaffSessions,
  setStaffActive,
  setStaffPasswordHash,
  updateStaffRole,
} from './queries';
import { checkRoleAgency } from './staff';
import { parseAgencyId, parseRole, ROLE_NEEDS_AGENCY, stringValue } from './values';

const SESSIONS_NOTE =
  'Ends their sessions: the server refuses their old token from then on, but a desk socket already open on a running server keeps working until it reconnects.';

function reportSessions(out: Output, username: string, ended: number): void {
  if (ended > 0)
    out.note(
      `ended ${ended} session${ended === 1 ? '' : 's'} of ${username}; an open desk is refused when it next reconnects`,
    );
}

function reportAssigned(out: Output, username: string, open: number): void {
  if (open > 0)
    out.note(
      `${open} open case${open === 1 ? ' is' : 's are'} still assigned to ${username}; a supervisor should reassign them`,
    );
}

const usernameArg = [{ name: 'U', help: 'the username' }] as const;

export const staffSetRole: AdminCommand = defineCommand({
  group: 'staff',
  verb: 'set-role',
  summary: "Changes a staff member's role, and with --agency the agency of an agent or a supervisor.",
  positionals: [...usernameArg, { name: 'ROLE', help: 'agent, callcentre, supervisor or admin' }],
  options: {
    agency: {
      type: 'string',
      value: 'ID',
      help: 'the agency (agent and supervisor only; default: the one they have)',
    },
  },
  notes: [SESSIONS_NOTE, 'The new role is what their next login returns.'],
  jsonHelp: '{staff, sessionsEnded}',
  parse(values, [username, roleText]) {
    const role = parseRole(roleText ?? '');
    const agency = stringValue(values, 'agency');
    const agencyId = agency === undefined ? undefined : parseAgencyId(agency);
    // an agent or supervisor may keep the agency they have; that is checked against the record
    if (!ROLE_NEEDS_AGENCY[role]) checkRoleAgency(role, agencyId);
    return { username: username ?? '', role, agencyId };
  },
  async run({ store, out, json, now, osUser }, input) {
    const result = await store.transaction(async (tx) => {
      const before = await requireStaff(tx, input.username);
      const agencyId = targetAgency(before, input.role, input.agencyId);
      if (agencyId !== null && agencyId !== before.agencyId) await requireAgency(tx, agencyId, true);
      const after: Staff = { ...before, role: input.role, agencyId };
      if (after.role === before.role && after.agencyId === before.agencyId)
        return { before, after, changed: false, ended: 0, assigned: 0 };
      // cases stay with their agency; one moved away from it leaves them assigned to nobody who can see them
      const assigned = after.agencyId !== before.agencyId ? await openCasesAssignedTo(tx, before) : 0;
      await updateStaffRole(tx, before.id, after.role, after.agencyId);
      const ended = await revokeStaffSessions(tx, before.id);
      await auditAdminChange(
        tx,
        {
          action: 'staff.setRole',
          detail: {
            staffId: before.id,
            username: before.username,
            from: { role: before.role, agencyId: before.agencyId },
            to: { role: after.role, agencyId: after.agencyId },
            sessionsEnded: ended,
            by: osUser,
          },
        },
        now,
      );
      return { before, after, changed: true, ended, assigned };
    });
    if (json) out.json({ staff: result.after, sessionsEnded: result.ended });
    else
      out.line(
        result.changed
          ? `${describeStaff(result.before)} is now ${describeStaff(result.after)}`
          : `${describeStaff(result.after)} unchanged`,
      );
    reportSessions(out, input.username, result.ended);
    reportAssigned(out, input.username, result.assigned);
  },
});

function targetAgency(staff: Staff, role: Role, given: string | undefined): string | null {
  if (!ROLE_NEEDS_AGENCY[role]) return null;
  const agencyId = given ?? staff.agencyId;
  if (agencyId === null)
    throw new UsageError(
      `${staff.username} has no agency and the ${role} role belongs to one: give --agency ID`,
    );
  return agencyId;
}

function activeCommand(verb: 'activate' | 'deactivate'): AdminCommand {
  const active = verb === 'activate';
  return defineCommand({
    group: 'staff',
    verb,
    summary: active
      ? 'Lets an inactive staff member log in again.'
      : 'Stops a staff member from logging in; their account and history stay.',
    positionals: usernameArg,
    ...(active ? {} : { notes: [SESSIONS_NOTE] }),
    jsonHelp: '{staff, sessionsEnded}',
    parse: (_values, [username]) => ({ username: username ?? '' }),
    async run({ store, out, json, now, osUser }, { username }) {
      const result = await store.transaction(async (tx) => {
        const before = await requireStaff(tx, username);
        const after: Staff = { ...before, active };
        // ending sessions is repeated for an inactive account: it is harmless and leaves none behind
        const ended = active ? 0 : await revokeStaffSessions(tx, before.id);
        if (before.active === active) return { after, changed: false, ended, assigned: 0 };
        const assigned = active ? 0 : await openCasesAssignedTo(tx, before);
        await setStaffActive(tx, before.id, active);
        await auditAdminChange(
          tx,
          {
            action: `staff.${verb}`,
            detail: { staffId: before.id, username, sessionsEnded: ended, by: osUser },
          },
          now,
        );
        return { after, changed: true, ended, assigned };
      });
      if (json) out.json({ staff: result.after, sessionsEnded: result.ended });
      else
        out.line(
          result.changed
            ? `${verb}d ${describeStaff(result.after)}`
            : `${username} was already ${active ? 'active' : 'inactive'}`,
        );
      reportSessions(out, username, result.ended);
      reportAssigned(out, username, result.assigned);
    },
  });
}

export const staffDeactivate = activeCommand('deactivate');
export const staffActivate = activeCommand('activate');

export const staffResetPassword: AdminCommand = defineCommand({
  group: 'staff',
  verb: 'reset-password',
  summary: 'Sets a new password for a staff member and ends their sessions.',
  positionals: usernameArg,
  options: PASSWORD_OPTIONS,
  notes: [SESSIONS_NOTE, 'A generated password is printed once, on stdout; only its scrypt hash is stored.'],
  jsonHelp: '{staff, sessionsEnded, password} (password only when generated)',
  parse: (values, [username]) => ({ username: username ?? '', password: passwordSource(values) }),
  async run({ store, out, json, now, osUser }, input) {
    const { password, show } = await resolvePassword(input.password);
    const passwordHash = await hashPassword(password);
    const result = await store.transaction(async (tx) => {
      const staff = await requireStaff(tx, input.username);
      await setStaffPasswordHash(tx, staff.id, passwordHash);
      const ended = await revokeStaffSessions(tx, staff.id);
      await auditAdminChange(
        tx,
        {
          action: 'staff.resetPassword',
          detail: { staffId: staff.id, username: staff.username, sessionsEnded: ended, by: osUser },
        },
        now,
      );
      return { staff, ended };
    });
    if (json) {
      out.json({ staff: result.staff, sessionsEnded: result.ended, ...(show ? { password } : {}) });
    } else {
      out.line(`new password set for ${describeStaff(result.staff)}`);
      if (show) out.line(`password: ${password}`);
    }
    if (show) out.note('the password is shown this once; hand it over privately');
    if (!result.staff.active) out.note(`${input.username} is inactive and cannot log in until activated`);
    reportSessions(out, input.username, result.ended);
  },
});
