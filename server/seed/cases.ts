// Demo cases: N requests over the past year, shared between agencies by their 2022 volumes,
// each with a thread that matches its status, ~99% of them answered within the SLA target.
// Generated in creation order, in batches, so a million cases never sit in memory at once.
import { ulid } from 'ulid';
import type { Case, CaseKind, CaseStatus, Channel, Language, Message, Priority, SlaPolicy } from '../../shared/domain';
import { formatCaseRef, SUGGESTION_OUTCOMES } from '../../shared/domain';
import { addWorkingMinutes, DAY_MS } from '../../shared/working-time';
import { refYear } from '../../shared/case-model';
import type { SeedAgency } from './agencies';
import { shareCases } from './agencies';
import type { Random } from './prng';
import type { Bilingual, Topic } from './vocabulary';
import {
  AGENCY_COMPLAINTS,
  ENQUIRIES,
  FAMILY_NAMES,
  FIRST_NAMES,
  GENERAL_COMPLAINTS,
  QUESTIONS,
  REOPEN_REASONS,
  REPLIES,
  SUGGESTIONS,
} from './vocabulary';

export const SUGGESTION_SHARE = 5_000 / 155_000;
export const ENQUIRY_SHARE = 0.12;
/** share of answered requests whose first reply came after the target */
export const LATE_SHARE = 0.01;
const HOUR_MS = 3_600_000;
export const FULL_SCALE = 155_000;

export type CaseBatch = { cases: Case[]; messages: Message[]; refCounters: Map<number, number> };

export type CaseGeneratorInput = {
  agencies: readonly SeedAgency[];
  agentsByAgency: ReadonlyMap<string, readonly string[]>;
  supervisorByAgency: ReadonlyMap<string, string>;
  policies: ReadonlyMap<string, SlaPolicy>;
  total: number;
  now: number;
  random: Random;
  batchSize: number;
};

export function policyKey(agencyId: string, kind: CaseKind): string {
  return `${agencyId}/${kind}`;
}

function pickWeighted<T extends string>(random: Random, weights: readonly (readonly [T, number])[]): T {
  let roll = random.next() * weights.reduce((s, [, w]) => s + w, 0);
  for (const [value, weight] of weights) {
    roll -= weight;
    if (roll < 0) return value;
  }
  const last = weights[weights.length - 1];
  if (last === undefined) throw new Error('no weights to pick from');
  return last[0];
}

/** Younger requests are still being worked; older ones are mostly closed. */
function statusForAge(random: Random, ageDays: number): CaseStatus {
  if (ageDays < 3) return pickWeighted(random, [['new', 40], ['assigned', 30], ['in_progress', 20], ['awaiting_citizen', 10]]);
  if (ageDays < 14) return pickWeighted(random, [['new', 4], ['assigned', 12], ['in_progress', 34], ['awaiting_citizen', 15], ['answered', 33], ['reopened', 2]]);
  if (ageDays < 30) return pickWeighted(random, [['in_progress', 8], ['awaiting_citizen', 4], ['answered', 35], ['closed', 51], ['reopened', 2]]);
  return pickWeighted(random, [['in_progress', 1], ['answered', 3], ['closed', 95], ['reopened', 1]]);
}

/** Agency of every case, in a shuffled order that holds each agency's exact share. */
function agencySequence(agencies: readonly SeedAgency[], total: number, random: Random): Uint16Array {
  const shares = shareCases(agencies, total);
  const sequence = new Uint16Array(total);
  let at = 0;
  agencies.forEach((a, index) => {
    for (let n = shares.get(a.id) ?? 0; n > 0; n--) sequence[at++] = index;
  });
  for (let i = total - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    const swap = sequence[i] ?? 0;
    sequence[i] = sequence[j] ?? 0;
    sequence[j] = swap;
  }
  return sequence;
}

function topicFor(random: Random, kind: CaseKind, agencyId: string): Topic {
  if (kind === 'suggestion') return random.pick(SUGGESTIONS);
  if (kind === 'enquiry') return random.pick(ENQUIRIES);
  const own = AGENCY_COMPLAINTS[agencyId];
  return own !== undefined && random.chance(0.75) ? random.pick(own) : random.pick(GENERAL_COMPLAINTS);
}

const INTERIM_REPLY: Bilingual = {
  ar: 'نعمل على طلبكم، وسنوافيكم بالرد النهائي في أقرب وقت.',
  en: 'We are working on your request and will send you our full reply shortly.',
};

export function* generateCases(input: CaseGeneratorInput): Generator<CaseBatch> {
  const { agencies, random, total, now } = input;
  const sequence = agencySequence(agencies, total, random);
  // A full-size seed spans the year of the 2022 figures; a small one (tests, quick demos) is
  // squeezed into the last weeks so it still holds a working queue of open cases.
  const spanDays = Math.min(365, Math.max(21, Math.round((365 * total) / FULL_SCALE)));
  const start = now - spanDays * DAY_MS;
  const refCounters = new Map<number, number>();
  let batch: CaseBatch = { cases: [], messages: [], refCounters };

  for (let i = 0; i < total; i++) {
    const agency = agencies[sequence[i] ?? 0];
    if (agency === undefined) continue;
    const createdAt = Math.floor(start + ((i + random.next()) / total) * (now - start - HOUR_MS));
    const year = refYear(createdAt);
    const refSeq = (refCounters.get(year) ?? 0) + 1;
    refCounters.set(year, refSeq);
    const { c, messages } = generateCase(input, agency.id, createdAt, formatCaseRef(year, refSeq));
    batch.cases.push(c);
    batch.messages.push(...messages);
    if (batch.cases.length >= input.batchSize) {
      yield batch;
      batch = { cases: [], messages: [], refCounters };
    }
  }
  if (batch.cases.length > 0) yield batch;
}

function generateCase(input: CaseGeneratorInput, agencyId: string, createdAt: number, ref: string): { c: Case; messages: Message[] } {
  const { random, now } = input;
  const roll = random.next();
  const kind: CaseKind = roll < SUGGESTION_SHARE ? 'suggestion' : roll < SUGGESTION_SHARE + ENQUIRY_SHARE ? 'enquiry' : 'complaint';
  const language: Language = random.chance(0.72) ? 'ar' : 'en';
  const say = (text: Bilingual) => text[language];
  const topic = topicFor(random, kind, agencyId);
  const id = ulid(createdAt, () => random.next());
  const policy = input.policies.get(policyKey(agencyId, kind));
  const firstResponseDueAt = addWorkingMinutes(createdAt, policy?.firstResponseMinutes ?? 2_100);
  const resolutionDueAt = addWorkingMinutes(createdAt, policy?.resolutionMinutes ?? 8_400);
  let status = statusForAge(random, (now - createdAt) / DAY_MS);
  // Past its first-response target, a request has almost always had a first reply by then
  // (99% of them in 2022): one still open carries an interim reply, so the seeded queue shows
  // the commitment rate that supervisors' figures count (answered in time / all due).
  const pastFirstResponse = firstResponseDueAt <= now;
  if (pastFirstResponse && (status === 'new' || status === 'assigned')) status = 'in_progress';
  const agents = input.agentsByAgency.get(agencyId) ?? [];
  const supervisor = input.supervisorByAgency.get(agencyId) ?? 'system';
  const assigneeId = status === 'new' || agents.length === 0 ? null : random.pick(agents);

  const messages: Message[] = [];
  let clock = createdAt;
  const add = (kindOf: Message['kind'], author: string, body: string, meta: Record<string, string> | null, at: number) => {
    clock = Math.max(clock, Math.min(at, now));
    messages.push({ id: `${id}-${messages.length.toString().padStart(2, '0')}`, caseId: id, author, kind: kindOf, body, meta, createdAt: clock });
  };
  add('event', 'citizen', 'created', { channel: 'app' }, createdAt);

  let acknowledgedAt: number | null = null;
  let firstRespondedAt: number | null = null;
  let answeredAt: number | null = null;
  let closedAt: number | null = null;
  let reopenCount = 0;
  let rating: number | null = null;
  let escalated = false;

  if (assigneeId !== null) {
    acknowledgedAt = createdAt + random.int(1, 20) * HOUR_MS;
    add('event', supervisor, 'assigned', { to: assigneeId }, acknowledgedAt);
    if (status !== 'assigned') add('event', assigneeId, 'started', null, acknowledgedAt + HOUR_MS);
  }
  const late = random.chance(LATE_SHARE);
  const replyAt = () =>
    late
      ? firstResponseDueAt + random.int(1, 72) * HOUR_MS
      : createdAt + Math.floor(random.next() * (Math.min(firstResponseDueAt, now) - createdAt));
  if (status === 'in_progress' && pastFirstResponse && assigneeId !== null) {
    firstRespondedAt = Math.min(now, Math.max(clock, replyAt()));
    add('reply', assigneeId, say(INTERIM_REPLY), null, firstRespondedAt);
  }
  if (status === 'awaiting_citizen' && assigneeId !== null) {
    firstRespondedAt = Math.min(now, Math.max(clock, replyAt()));
    add('reply', assigneeId, say(random.pick(QUESTIONS)), null, firstRespondedAt);
    add('event', assigneeId, 'asked_citizen', null, firstRespondedAt);
  }
  if ((status === 'answered' || status === 'closed' || status === 'reopened') && assigneeId !== null) {
    firstRespondedAt = Math.min(now, Math.max(clock, replyAt()));
    answeredAt = firstRespondedAt;
    add('reply', assigneeId, say(random.pick(REPLIES)), null, answeredAt);
    add('event', assigneeId, 'answered', null, answeredAt);
    if (status === 'closed') {
      closedAt = Math.min(now, answeredAt + random.int(1, 5) * DAY_MS);
      add('event', 'system', 'closed', null, closedAt);
    }
    if (status !== 'reopened' && random.chance(0.3)) {
      rating = pickWeighted(random, [['5', 45], ['4', 30], ['3', 15], ['2', 6], ['1', 4]]) === '5' ? 5 : random.int(1, 4);
      add('event', 'citizen', 'rated', { rating: String(rating) }, answeredAt + HOUR_MS);
      if (rating <= 2) {
        escalated = true;
        add('event', 'system', 'escalated', { cause: 'rating' }, answeredAt + HOUR_MS);
      }
    }
    if (status === 'reopened') {
      reopenCount = 1;
      add('citizen', 'citizen', say(random.pick(REOPEN_REASONS)), null, answeredAt + DAY_MS);
      add('event', 'citizen', 'reopened', { count: '1' }, answeredAt + DAY_MS);
    }
  }
  const channel = pickWeighted<Channel>(random, [['app', 55], ['web', 25], ['callcentre', 15], ['walkin', 5]]);
  const first = random.pick(FIRST_NAMES);
  const family = random.pick(FAMILY_NAMES);
  const citizen: Case['citizen'] = { name: `${first[language]} ${family[language]}`, language };
  if (random.chance(0.9)) citizen.cpr = String(random.int(600_000_000, 999_999_999));
  if (random.chance(0.8)) citizen.phone = `+973${random.int(3, 3)}${random.int(3_000_000, 9_999_999)}`;
  if (random.chance(0.3)) citizen.email = `${first.en.toLowerCase()}.${random.int(10, 999)}@example.bh`;
  const first0 = messages[0];
  if (first0 !== undefined) first0.meta = { channel };

  const c: Case = {
    id,
    ref,
    kind,
    agencyId,
    category: topic.category,
    channel,
    citizen,
    subject: say(topic.subject),
    body: say(topic.body),
    language,
    status,
    priority: pickWeighted<Priority>(random, [['normal', 85], ['high', 12], ['urgent', 3]]),
    assigneeId: status === 'reopened' && random.chance(0.5) ? null : assigneeId,
    createdAt,
    updatedAt: clock,
    acknowledgedAt,
    firstResponseDueAt,
    resolutionDueAt,
    firstRespondedAt,
    answeredAt,
    closedAt,
    reopenCount,
    rating,
    outcome: kind === 'suggestion' ? random.pick(SUGGESTION_OUTCOMES) : null,
    tags: random.chance(0.05) ? ['follow-up'] : [],
    escalated,
    transferredFrom: null,
    massGroupId: null,
    version: messages.length,
  };
  return { c, messages };
}
