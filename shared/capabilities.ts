// Who may do what: one table of role × action, read by the server's authorisation
// (server/mutations/authorise.ts, the template and statistics handlers) and by the renderer,
// which offers no action the server would refuse (keys, palette, help, buttons, composer).
// Tenancy (which agency's cases someone sees) is not here: it is server/auth/visibility.ts,
// and the desk only ever holds what it may see.
//
// To add an action: one entry in ACTIONS below (who may, and the refusal's reason when not);
// the server's check and the desk's offer both follow.
import type { Role, Staff } from './domain';
import type { MutationName } from './mutations';
import { MUTATION_NAMES } from './mutations';

/** Why a role may not do something; the renderer words each in Arabic and English. */
export const DENIAL_REASONS = ['callCentre', 'supervisorsOnly', 'adminsOnly', 'ownAgencyOnly', 'inactive'] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

export type Action =
  | MutationName
  /** assigning a case to someone other than oneself (taking a case, or giving up one's own, is `case.take`/`case.assign`) */
  | 'case.assignOthers'
  | 'template.save'
  | 'template.archive'
  /** the supervisor board and its statistics */
  | 'screen.board'
  /** the SLA and volume dashboard */
  | 'screen.dashboard'
  /** an agent's leave, and the agency's auto-assignment of arriving cases */
  | 'supervision.manage'
  /** the mass-complaints screen and its groups (`massGroups.list`) */
  | 'screen.mass';

/** who may; the reason told to everyone else (`deniedTo`: a reason of its own for a role) */
type Rule = { roles: readonly Role[]; denied: DenialReason; deniedTo?: Partial<Record<Role, DenialReason>> };

const DESK: Rule = { roles: ['agent', 'supervisor', 'admin'], denied: 'callCentre' };
const EVERYONE: Rule = { roles: ['agent', 'callcentre', 'supervisor', 'admin'], denied: 'inactive' };
/** a supervisor's work on cases: the call centre is told that cases are the agency's */
const MANAGERS: Rule = { roles: ['supervisor', 'admin'], denied: 'supervisorsOnly', deniedTo: { callcentre: 'callCentre' } };
const MANAGERS_ONLY: Rule = { roles: ['supervisor', 'admin'], denied: 'supervisorsOnly' };

function mutationRule(name: MutationName): Rule {
  // the call centre logs a caller's request and leaves notes for the agency; it answers nothing
  if (name === 'case.create' || name === 'case.note') return EVERYONE;
  if (name.startsWith('bulk.')) return MANAGERS;
  // a suggestion's outcome is the agency's decision, taken by its supervisors
  if (name === 'case.setOutcome') return MANAGERS;
  return DESK;
}

export const ACTIONS: Readonly<Record<Action, Rule>> = {
  ...(Object.fromEntries(MUTATION_NAMES.map((name) => [name, mutationRule(name)])) as Record<MutationName, Rule>),
  'case.assignOthers': MANAGERS,
  'template.save': MANAGERS_ONLY,
  'template.archive': MANAGERS_ONLY,
  'screen.board': MANAGERS_ONLY,
  'screen.dashboard': MANAGERS_ONLY,
  'supervision.manage': MANAGERS_ONLY,
  'screen.mass': MANAGERS_ONLY,
  // a group's master answers for every citizen of the group: a supervisor's decision
  'case.setMassMaster': MANAGERS,
};

export type Capability = { allowed: true } | { allowed: false; reason: DenialReason };

/** Whether `staff` may do `action` at all, before looking at any case or agency. */
export function capability(staff: Pick<Staff, 'role' | 'active'> | null, action: Action): Capability {
  if (staff === null || !staff.active) return { allowed: false, reason: 'inactive' };
  const rule = ACTIONS[action];
  if (rule.roles.includes(staff.role)) return { allowed: true };
  return { allowed: false, reason: rule.deniedTo?.[staff.role] ?? rule.denied };
}

export function may(staff: Pick<Staff, 'role' | 'active'> | null, action: Action): boolean {
  return capability(staff, action).allowed;
}

/**
 * Whether `staff` may manage the templates of `agencyId` (null: the national ones): admins
 * any; supervisors their own agency's only.
 */
export function templateScope(staff: Pick<Staff, 'role' | 'active' | 'agencyId'> | null, agencyId: string | null): Capability {
  const base = capability(staff, 'template.save');
  if (!base.allowed || staff === null || staff.role === 'admin') return base;
  if (agencyId === null) return { allowed: false, reason: 'adminsOnly' };
  return staff.agencyId === agencyId ? base : { allowed: false, reason: 'ownAgencyOnly' };
}

/** The English sentence a refusal carries on the wire (the desk words the reason itself). */
export const DENIAL_MESSAGES: Readonly<Record<DenialReason, string>> = {
  callCentre: 'the call centre logs and routes requests; the agency answers them',
  supervisorsOnly: 'this is for supervisors and admins',
  adminsOnly: 'this is for admins',
  ownAgencyOnly: 'this is for the staff of that agency',
  inactive: 'this account is disabled',
};
