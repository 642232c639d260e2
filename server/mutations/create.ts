// A new case: the server gives it its reference and its SLA due times. Used by the desk's
// `case.create` (call centre, walk-ins) and by the intake API (app, portal).
import type { Case, CaseKind, Channel, Citizen, Language, Priority } from '../../shared/domain';
import { formatCaseRef } from '../../shared/domain';
import { BAHRAIN_CALENDAR } from '../../shared/working-time';
import { nextRefSeq } from '../store/cases';
import type { Tx } from '../store/db';
import { findAgency, findSlaPolicy } from '../store/reference';
import type { CaseEdit } from './commit';
import { toMessages } from './decide';
import { MutationRefused } from './errors';
import { defaultSlaPolicy, slaDueTimes } from './sla';

export type NewCase = {
  caseId: string;
  kind: CaseKind;
  agencyId: string;
  category: string;
  channel: Channel;
  citizen: Citizen;
  subject: string;
  body: string;
  language: Language;
  priority: Priority;
};

/** The calendar year in Bahrain, which numbers the references. */
export function refYear(now: number): number {
  return new Date(now + BAHRAIN_CALENDAR.utcOffsetMinutes * 60_000).getUTCFullYear();
}

export async function planCreate(tx: Tx, input: NewCase, actorId: string, now: number): Promise<CaseEdit> {
  const agency = await findAgency(tx, input.agencyId);
  if (agency?.active !== true) {
    throw new MutationRefused('not_found', `no active agency ${input.agencyId}`, { agencyId: input.agencyId });
  }
  const existing = await tx.selectFrom('cases').select('id').where('id', '=', input.caseId).executeTakeFirst();
  if (existing !== undefined) {
    throw new MutationRefused('conflict', 'a case with this id already exists', { caseId: input.caseId });
  }
  const policy = (await findSlaPolicy(tx, input.agencyId, input.kind)) ?? defaultSlaPolicy(input.agencyId, input.kind);
  const year = refYear(now);
  const c: Case = {
    id: input.caseId,
    ref: formatCaseRef(year, await nextRefSeq(tx, year)),
    kind: input.kind,
    agencyId: input.agencyId,
    category: input.category,
    channel: input.channel,
    citizen: input.citizen,
    subject: input.subject,
    body: input.body,
    language: input.language,
    status: 'new',
    priority: input.priority,
    assigneeId: null,
    createdAt: now,
    updatedAt: now,
    acknowledgedAt: null,
    ...slaDueTimes(policy, now),
    firstRespondedAt: null,
    answeredAt: null,
    closedAt: null,
    reopenCount: 0,
    rating: null,
    outcome: input.kind === 'suggestion' ? 'under_study' : null,
    tags: [],
    escalated: false,
    transferredFrom: null,
    version: 1,
  };
  const messages = toMessages(c.id, [{ kind: 'event', author: actorId, body: 'created', meta: { channel: input.channel } }], now);
  return { before: null, after: c, messages };
}
