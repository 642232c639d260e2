// The values an administrator types, checked before anything is opened: each parser returns
// the domain's value or throws a UsageError whose message says what was expected.
import type { CaseKind, Language, Role, SlaPolicy } from '../../shared/domain';
import { agencyIdSchema, CASE_KINDS, LANGUAGES, ROLES } from '../../shared/domain';
import { BAHRAIN_CALENDAR, workingMinutesPerDay } from '../../shared/working-time';
import { UsageError } from '../cli-args';
import type { Values } from './command';

export const WORKING_DAY_MINUTES = workingMinutesPerDay(BAHRAIN_CALENDAR);
export const WORKING_DAY_HOURS = WORKING_DAY_MINUTES / 60;
/** A target beyond about a working year is a typo, and the due-time walk would crawl. */
const MAX_TARGET_HOURS = 2_000;
const MAX_CAPACITY = 10_000;
/** Stored passwords the administrator chooses; generated ones are longer. */
export const MIN_PASSWORD_LENGTH = 12;
// loginRequestSchema (shared/protocol.ts) refuses longer ones, so such a password could never log in
const MAX_PASSWORD_LENGTH = 200;
const USERNAME = /^[a-z0-9][a-z0-9._-]{0,79}$/;

/** Role → whether the account belongs to one agency (staffSchema: null for call centre and admins). */
export const ROLE_NEEDS_AGENCY: Readonly<Record<Role, boolean>> = {
  agent: true,
  supervisor: true,
  callcentre: false,
  admin: false,
};

/** What a new account carries by default, as the demo seed sets it (server/seed/reference.ts). */
export const DEFAULT_CAPACITY: Readonly<Record<Role, number>> = {
  agent: 40,
  supervisor: 10,
  callcentre: 0,
  admin: 0,
};

export function stringValue(values: Values, flag: string): string | undefined {
  const value = values[flag];
  return typeof value === 'string' ? value : undefined;
}

export function requiredString(values: Values, flag: string): string {
  const value = stringValue(values, flag);
  if (value === undefined) throw new UsageError(`--${flag} is required`);
  return value;
}

export function parseRole(text: string): Role {
  const role = ROLES.find((r) => r === text);
  if (role === undefined) throw new UsageError(`a role is one of ${ROLES.join(', ')}; got "${text}"`);
  return role;
}

export function parseKind(text: string): CaseKind {
  const kind = CASE_KINDS.find((k) => k === text);
  if (kind === undefined) throw new UsageError(`--kind is one of ${CASE_KINDS.join(', ')}; got "${text}"`);
  return kind;
}

export function parseAgencyId(text: string): string {
  if (!agencyIdSchema.safeParse(text).success)
    throw new UsageError(`"${text}" is not an agency id (a short lower-case slug such as "housing")`);
  return text;
}

export function parseUsername(text: string): string {
  if (!USERNAME.test(text)) {
    throw new UsageError(
      `a username is 1 to 80 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit; got "${text}"`,
    );
  }
  return text;
}

export function parseDisplayName(text: string, option = '--name'): string {
  const name = text.trim();
  if (name.length === 0 || name.length > 120) throw new UsageError(`${option} needs 1 to 120 characters`);
  return name;
}

export function parseLanguages(text: string): Language[] {
  const parts = text.split(',').map((p) => p.trim());
  const languages: Language[] = [];
  for (const part of parts) {
    const language = LANGUAGES.find((l) => l === part);
    if (language === undefined)
      throw new UsageError(`--languages is a comma-separated list of ${LANGUAGES.join(', ')}; got "${text}"`);
    if (!languages.includes(language)) languages.push(language);
  }
  return languages;
}

export function parseCapacity(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > MAX_CAPACITY)
    throw new UsageError(
      `--capacity is a whole number of open cases from 0 to ${MAX_CAPACITY}; got "${text}"`,
    );
  return n;
}

export function parsePassword(text: string): string {
  if (text.length < MIN_PASSWORD_LENGTH || text.length > MAX_PASSWORD_LENGTH) {
    throw new UsageError(`a password needs ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`);
  }
  if (text.trim() !== text) throw new UsageError('a password may not start or end with spaces');
  return text;
}

/** Working hours (decimals allowed) as the policy's whole working minutes. */
export function parseTargetHours(text: string, flag: string): number {
  const hours = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || hours <= 0 || hours > MAX_TARGET_HOURS) {
    throw new UsageError(
      `--${flag} is a number of working hours above 0 and at most ${MAX_TARGET_HOURS}; got "${text}"`,
    );
  }
  const minutes = Math.round(hours * 60);
  if (Math.abs(minutes - hours * 60) > 1e-6)
    throw new UsageError(`--${flag} must come to whole minutes; got "${text}"`);
  return minutes;
}

export function parseOnTransfer(text: string): SlaPolicy['onTransfer'] {
  if (text !== 'restart' && text !== 'continue')
    throw new UsageError(`--on-transfer is restart or continue; got "${text}"`);
  return text;
}

/** `300` minutes → `5 h`; `2100` → `35 h (5 d)` with the working day of BAHRAIN_CALENDAR. */
export function describeMinutes(minutes: number): string {
  const hours = `${Number((minutes / 60).toFixed(2))} h`;
  const days = minutes / WORKING_DAY_MINUTES;
  return Number.isInteger(days) ? `${hours} (${days} d)` : hours;
}
