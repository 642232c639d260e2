// The one case lifecycle every agency follows (DESIGN.md "Lifecycle"). Pure: the server uses
// it to decide, the desk uses the same function to predict (optimistic apply), so the two can
// never disagree about what a command does to a case.
import type { Case, CaseStatus, EventCode, MessageKind, Priority, SuggestionOutcome, TransferReason } from './domain';
import { isOpenStatus } from './domain';
import type { ErrorCode } from './errors';

export const RATING_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;
export const MAX_TAGS = 20;
/** the reopen count at which a case escalates to the supervisors */
export const ESCALATE_ON_REOPEN = 2;

export type CaseCommand =
  | { type: 'assign'; assigneeId: string | null }
  | { type: 'start' }
  | { type: 'ask'; body: string }
  | { type: 'reply'; body: string; final: boolean }
  | { type: 'markAnswered' }
  | { type: 'close' }
  | { type: 'reopen'; reason: string }
  | { type: 'citizenMessage'; body: string }
  | { type: 'rate'; rating: number }
  | { type: 'transfer'; toAgencyId: string; reason: TransferReason; note: string }
  | { type: 'acknowledge' }
  | { type: 'setPriority'; priority: Priority }
  | { type: 'tag'; add: readonly string[]; remove: readonly string[] }
  | { type: 'note'; body: string }
  | { type: 'setOutcome'; outcome: SuggestionOutcome; reason: string }
  /** a reply to a member of a mass-complaint group; a case nobody has yet is taken by the actor first */
  | { type: 'groupReply'; body: string; final: boolean }
  /** makes the case the master of its mass-complaint group */
  | { type: 'setMassMaster' };

export type CaseCommandType = CaseCommand['type'];

/** A message the command appends to the thread (ids and case id are given by the applier). */
export type NewMessage = {
  kind: MessageKind;
  author: string;
  body: string;
  meta: Record<string, string> | null;
};

export type Refusal = {
  ok: false;
  /** one of the lifecycle's codes of shared/errors.ts (illegal_transition, needs_assignee…) */
  code: ErrorCode;
  /** a sentence for logs and API callers; desks show their own translation of `code` */
  message: string;
  params: Record<string, string>;
};

export type Decision =
  | {
      ok: true;
      /** fields that change; `version` and `updatedAt` are included */
      patch: Partial<Case>;
      messages: NewMessage[];
      /** the case changed agency: the applier recomputes SLA due times per the policy */
      transferredTo?: string;
    }
  | Refusal;

export type DecideContext = {
  now: number;
  /** staff id, 'citizen' or 'system' */
  actorId: string;
};

/** Which statuses each status-changing command may start from. */
export const ALLOWED_FROM: Record<
  'assign' | 'start' | 'ask' | 'reply' | 'markAnswered' | 'close' | 'reopen' | 'rate' | 'transfer',
  readonly CaseStatus[]
> = {
  assign: ['new', 'assigned', 'in_progress', 'awaiting_citizen', 'reopened'],
  start: ['assigned', 'reopened'],
  ask: ['assigned', 'in_progress', 'reopened'],
  reply: ['assigned', 'in_progress', 'awaiting_citizen', 'reopened'],
  markAnswered: ['assigned', 'in_progress', 'awaiting_citizen', 'reopened'],
  close: ['answered'],
  reopen: ['answered', 'closed'],
  rate: ['answered', 'closed'],
  transfer: ['new', 'assigned', 'in_progress', 'awaiting_citizen', 'reopened'],
};

/**
 * Where a suggestion's outcome may go next: under study → accepted → implemented, or declined
 * from under study or accepted. A suggestion with no outcome yet is under study in all but
 * name, so it may take the same steps (and be marked under study). Implemented and declined
 * are final.
 */
export const OUTCOME_NEXT: Readonly<Record<SuggestionOutcome | 'none', readonly SuggestionOutcome[]>> = {
  none: ['under_study', 'accepted', 'declined'],
  under_study: ['accepted', 'declined'],
  accepted: ['implemented', 'declined'],
  implemented: [],
  declined: [],
};

export function nextOutcomes(current: SuggestionOutcome | null): readonly SuggestionOutcome[] {
  return OUTCOME_NEXT[current ?? 'none'];
}

function refuse(code: ErrorCode, message: string, params: Record<string, string> = {}): Refusal {
  return { ok: false, code, message, params };
}

function illegal(c: Case, action: string): Refusal {
  return refuse(
    'illegal_transition',
    `cannot ${action} a case that is ${c.status.replace('_', ' ')}`,
    { action, status: c.status },
  );
}

function event(code: EventCode, actorId: string, meta: Record<string, string> | null = null): NewMessage {
  return { kind: 'event', author: actorId, body: code, meta };
}

/**
 * Decides what `command` does to case `c`: the fields that change and the messages it adds,
 * or a refusal that says why. Never throws for a legal-shaped command.
 */
export function decide(c: Case, command: CaseCommand, ctx: DecideContext): Decision {
  const result = command.type === 'groupReply' || command.type === 'setMassMaster' ? decideMass(c, command, ctx) : decideInner(c, command, ctx);
  if (!result.ok) return result;
  return {
    ...result,
    patch: { ...result.patch, version: c.version + 1, updatedAt: ctx.now },
  };
}

type MassCommand = Extract<CaseCommand, { type: 'groupReply' | 'setMassMaster' }>;

/**
 * The mass-complaint commands, built from the ordinary ones: a group reply is an assignment to
 * the actor (when the case has nobody, or is new or reopened and so cannot be replied to yet)
 * followed by the reply, as one decision; making a master only records it in the thread.
 */
function decideMass(c: Case, command: MassCommand, ctx: DecideContext): Decision {
  if (c.massGroupId === null) return refuse('not_in_mass_group', 'this case is not one of a group of complaints about the same subject');
  if (command.type === 'setMassMaster') {
    // an open case: its final answer, still to come, is what the group gets
    if (!isOpenStatus(c.status)) return illegal(c, 'make the master of its group');
    return { ok: true, patch: {}, messages: [event('mass_master_set', ctx.actorId, { group: c.massGroupId })] };
  }
  const reply = { type: 'reply', body: command.body, final: command.final } as const;
  if (c.assigneeId !== null && c.status !== 'new' && c.status !== 'reopened') return decideInner(c, reply, ctx);
  const taken = decideInner(c, { type: 'assign', assigneeId: c.assigneeId ?? ctx.actorId }, ctx);
  if (!taken.ok) return taken;
  const replied = decideInner(applyPatch(c, taken.patch), reply, ctx);
  if (!replied.ok) return replied;
  return { ok: true, patch: { ...taken.patch, ...replied.patch }, messages: [...taken.messages, ...replied.messages] };
}

function decideInner(c: Case, command: Exclude<CaseCommand, MassCommand>, ctx: DecideContext): Decision {
  const { now, actorId } = ctx;
  switch (command.type) {
    case 'assign': {
      if (!ALLOWED_FROM.assign.includes(c.status)) return illegal(c, 'assign');
      const to = command.assigneeId;
      let status: CaseStatus = c.status;
      if (to !== null && (c.status === 'new' || c.status === 'reopened')) status = 'assigned';
      if (to === null && c.status === 'assigned') status = 'new';
      return {
        ok: true,
        patch: { assigneeId: to, status, acknowledgedAt: c.acknowledgedAt ?? now },
        messages: [
          to === null
            ? event('unassigned', actorId)
            : event('assigned', actorId, { to }),
        ],
      };
    }
    case 'start':
      if (!ALLOWED_FROM.start.includes(c.status)) return illegal(c, 'start');
      if (c.assigneeId === null) return refuse('needs_assignee', 'assign the case before starting it');
      return {
        ok: true,
        patch: { status: 'in_progress', acknowledgedAt: c.acknowledgedAt ?? now },
        messages: [event('started', actorId)],
      };
    case 'ask':
      if (!ALLOWED_FROM.ask.includes(c.status)) return illegal(c, 'ask the citizen about');
      if (command.body.trim() === '') return refuse('empty_body', 'the question is empty');
      return {
        ok: true,
        patch: {
          status: 'awaiting_citizen',
          firstRespondedAt: c.firstRespondedAt ?? now,
          acknowledgedAt: c.acknowledgedAt ?? now,
        },
        messages: [
          { kind: 'reply', author: actorId, body: command.body, meta: null },
          event('asked_citizen', actorId),
        ],
      };
    case 'reply': {
      if (!ALLOWED_FROM.reply.includes(c.status)) return illegal(c, 'reply to');
      if (command.body.trim() === '') return refuse('empty_body', 'the reply is empty');
      const messages: NewMessage[] = [{ kind: 'reply', author: actorId, body: command.body, meta: null }];
      const patch: Partial<Case> = {
        firstRespondedAt: c.firstRespondedAt ?? now,
        acknowledgedAt: c.acknowledgedAt ?? now,
        status: command.final ? 'answered' : 'in_progress',
      };
      if (command.final) {
        patch.answeredAt = now;
        messages.push(event('answered', actorId));
      }
      return { ok: true, patch, messages };
    }
    case 'markAnswered':
      if (!ALLOWED_FROM.markAnswered.includes(c.status)) return illegal(c, 'mark answered');
      if (c.firstRespondedAt === null) {
        return refuse('needs_reply', 'reply to the citizen before marking the case answered');
      }
      return {
        ok: true,
        patch: { status: 'answered', answeredAt: now },
        messages: [event('answered', actorId)],
      };
    case 'close':
      if (!ALLOWED_FROM.close.includes(c.status)) return illegal(c, 'close');
      return { ok: true, patch: { status: 'closed', closedAt: now }, messages: [event('closed', actorId)] };
    case 'reopen': {
      if (!ALLOWED_FROM.reopen.includes(c.status)) return illegal(c, 'reopen');
      if (command.reason.trim() === '') return refuse('empty_body', 'a reopen needs a reason');
      const reopenCount = c.reopenCount + 1;
      const escalates = !c.escalated && reopenCount >= ESCALATE_ON_REOPEN;
      const messages: NewMessage[] = [
        { kind: 'citizen', author: 'citizen', body: command.reason, meta: null },
        event('reopened', actorId, { count: String(reopenCount) }),
      ];
      if (escalates) messages.push(event('escalated', 'system', { cause: 'reopened' }));
      return {
        ok: true,
        patch: {
          status: 'reopened',
          reopenCount,
          closedAt: null,
          escalated: c.escalated || escalates,
        },
        messages,
      };
    }
    case 'citizenMessage':
      if (command.body.trim() === '') return refuse('empty_body', 'the message is empty');
      return {
        ok: true,
        patch: c.status === 'awaiting_citizen' ? { status: 'in_progress' } : {},
        messages: [{ kind: 'citizen', author: 'citizen', body: command.body, meta: null }],
      };
    case 'rate': {
      if (!ALLOWED_FROM.rate.includes(c.status)) return illegal(c, 'rate');
      if (c.rating !== null) return refuse('already_rated', 'this case has already been rated');
      if (c.answeredAt === null || now - c.answeredAt > RATING_WINDOW_MS) {
        return refuse('rating_window_closed', 'a reply can be rated within 14 days of it');
      }
      const escalates = command.rating <= 2 && !c.escalated;
      const messages: NewMessage[] = [event('rated', actorId, { rating: String(command.rating) })];
      if (escalates) messages.push(event('escalated', 'system', { cause: 'rating' }));
      return {
        ok: true,
        patch: { rating: command.rating, escalated: c.escalated || escalates },
        messages,
      };
    }
    case 'transfer':
      if (!ALLOWED_FROM.transfer.includes(c.status)) return illegal(c, 'transfer');
      if (command.toAgencyId === c.agencyId) {
        return refuse('same_agency', 'the case already belongs to that agency');
      }
      return {
        ok: true,
        patch: {
          agencyId: command.toAgencyId,
          status: 'new',
          assigneeId: null,
          acknowledgedAt: null,
          transferredFrom: c.agencyId,
        },
        messages: [
          event('transferred_out', actorId, {
            from: c.agencyId,
            to: command.toAgencyId,
            reason: command.reason,
            ...(command.note.trim() === '' ? {} : { note: command.note }),
          }),
        ],
        transferredTo: command.toAgencyId,
      };
    case 'acknowledge':
      if (!isOpenStatus(c.status) || c.acknowledgedAt !== null) return illegal(c, 'acknowledge');
      return { ok: true, patch: { acknowledgedAt: now }, messages: [event('acknowledged', actorId)] };
    case 'setPriority':
      if (!isOpenStatus(c.status)) return illegal(c, 'change the priority of');
      return {
        ok: true,
        patch: { priority: command.priority },
        messages: [event('priority_changed', actorId, { from: c.priority, to: command.priority })],
      };
    case 'tag': {
      const removed = new Set(command.remove);
      const tags = c.tags.filter((t) => !removed.has(t));
      for (const t of command.add) if (!tags.includes(t)) tags.push(t);
      if (tags.length > MAX_TAGS) return refuse('too_many_tags', `a case carries at most ${MAX_TAGS} tags`);
      const messages: NewMessage[] = [];
      const added = tags.filter((t) => !c.tags.includes(t));
      const dropped = c.tags.filter((t) => !tags.includes(t));
      if (added.length > 0) messages.push(event('tagged', actorId, { tags: added.join(',') }));
      if (dropped.length > 0) messages.push(event('untagged', actorId, { tags: dropped.join(',') }));
      return { ok: true, patch: { tags }, messages };
    }
    case 'note':
      if (command.body.trim() === '') return refuse('empty_body', 'the note is empty');
      return { ok: true, patch: {}, messages: [{ kind: 'note', author: actorId, body: command.body, meta: null }] };
    case 'setOutcome':
      return decideOutcome(c, command, actorId);
  }
}

/** `setOutcome`: a step allowed by OUTCOME_NEXT; a decline says why (the event carries the reason). */
function decideOutcome(c: Case, command: Extract<CaseCommand, { type: 'setOutcome' }>, actorId: string): Decision {
  if (c.kind !== 'suggestion') return refuse('not_a_suggestion', 'only a suggestion has an outcome');
  if (!nextOutcomes(c.outcome).includes(command.outcome)) {
    return refuse('outcome_transition', `a suggestion that is ${c.outcome ?? 'without an outcome'} cannot become ${command.outcome}`, {
      from: c.outcome ?? 'none',
      to: command.outcome,
    });
  }
  const reason = command.reason.trim();
  if (command.outcome === 'declined' && reason === '') return refuse('outcome_needs_reason', 'declining a suggestion needs a reason');
  return {
    ok: true,
    patch: { outcome: command.outcome },
    messages: [event('outcome_set', actorId, { outcome: command.outcome, ...(reason === '' ? {} : { reason }) })],
  };
}

/** Applies a decision's patch to a case (what the desk does optimistically). */
export function applyPatch(c: Case, patch: Partial<Case>): Case {
  return { ...c, ...patch };
}
