// Every write a desk can ask of the server, by name, with its argument schema. The server's
// one mutation handler and the desk's outbox both work from this map, so a mutation is
// declared exactly once.
import { z } from 'zod';
import {
  agencyIdSchema,
  caseKindSchema,
  channelSchema,
  citizenSchema,
  idSchema,
  languageSchema,
  outcomeSchema,
  prioritySchema,
  tagSchema,
  transferReasonSchema,
  text,
} from './domain';
import type { CaseCommand } from './lifecycle';

export const MAX_BULK_CASES = 10_000;

const caseId = idSchema;
const body = text().trim().min(1).max(20_000);
/** the case version the user was looking at; a mismatch stops the write (collision check) */
const expectedVersion = z.number().int().positive().optional();
const caseIds = z.array(idSchema).min(1).max(MAX_BULK_CASES);
const tags = z.array(tagSchema).max(20);

export const mutationArgs = {
  'case.create': z.object({
    caseId,
    kind: caseKindSchema,
    agencyId: agencyIdSchema,
    category: text().trim().max(80).default(''),
    channel: channelSchema,
    citizen: citizenSchema,
    subject: text().trim().min(1).max(300),
    body: text().trim().max(20_000),
    language: languageSchema,
    priority: prioritySchema.default('normal'),
  }),
  'case.assign': z.object({ caseId, assigneeId: idSchema.nullable() }),
  'case.take': z.object({ caseId }),
  'case.start': z.object({ caseId }),
  'case.ask': z.object({ caseId, body, expectedVersion }),
  'case.reply': z.object({
    caseId,
    body,
    final: z.boolean().default(false),
    templateId: idSchema.optional(),
    expectedVersion,
  }),
  'case.markAnswered': z.object({ caseId }),
  'case.close': z.object({ caseId }),
  'case.transfer': z.object({
    caseId,
    toAgencyId: agencyIdSchema,
    reason: transferReasonSchema,
    note: text().trim().max(2_000).default(''),
  }),
  'case.acknowledge': z.object({ caseId }),
  'case.setPriority': z.object({ caseId, priority: prioritySchema }),
  'case.tag': z.object({ caseId, add: tags.default([]), remove: tags.default([]) }),
  'case.note': z.object({ caseId, body }),
  /** supervisors and admins; a decline needs a reason (shared/lifecycle.ts OUTCOME_NEXT) */
  'case.setOutcome': z.object({ caseId, outcome: outcomeSchema, reason: text().trim().max(2_000).default('') }),
  /**
   * supervisors: makes the case the master of its mass-complaint group; the master's final
   * public reply then reaches every open member of the group (server/mass/master-reply.ts)
   */
  'case.setMassMaster': z.object({ caseId }),
  /** assigns every case, spreading them round-robin over the given agents (balanced) */
  'bulk.assign': z.object({ caseIds, assigneeIds: z.array(idSchema).min(1).max(500) }),
  'bulk.setStatus': z.object({ caseIds, action: z.enum(['start', 'markAnswered', 'close']) }),
  'bulk.setPriority': z.object({ caseIds, priority: prioritySchema }),
  'bulk.tag': z.object({ caseIds, add: tags.default([]), remove: tags.default([]) }),
  'bulk.reply': z.object({ caseIds, templateId: idSchema, final: z.boolean().default(true) }),
  /**
   * a mass-complaint group's open cases answered from one template in one action: like
   * bulk.reply, and a case nobody has yet is taken by the supervisor who answers it
   */
  'bulk.groupReply': z.object({ caseIds, templateId: idSchema, final: z.boolean().default(true) }),
  /**
   * a leave cover: case i goes to assigneeIds[i], exactly as the board previewed it
   * (shared/supervision.ts planCover); all or nothing like every bulk mutation
   */
  'bulk.cover': z
    .object({ caseIds, assigneeIds: z.array(idSchema).min(1).max(MAX_BULK_CASES) })
    .refine((a) => a.assigneeIds.length === a.caseIds.length, { message: 'one assignee per case', path: ['assigneeIds'] }),
} as const;

export type MutationName = keyof typeof mutationArgs;
export type MutationArgs<N extends MutationName> = z.output<(typeof mutationArgs)[N]>;
export type MutationInput<N extends MutationName> = z.input<(typeof mutationArgs)[N]>;
export const MUTATION_NAMES = Object.keys(mutationArgs) as MutationName[];

export const mutationNameSchema = z.enum(MUTATION_NAMES as [MutationName, ...MutationName[]]);

/** What travels over the socket and sits in the outbox. */
export const mutationEnvelopeSchema = z.object({
  /** chosen by the desk (ULID); the server applies a given id at most once */
  id: text().min(10).max(64),
  name: mutationNameSchema,
  args: z.unknown(),
});
export type MutationEnvelope = z.infer<typeof mutationEnvelopeSchema>;

export function parseMutationArgs<N extends MutationName>(
  name: N,
  args: unknown,
): z.ZodSafeParseResult<MutationArgs<N>> {
  return mutationArgs[name].safeParse(args) as z.ZodSafeParseResult<MutationArgs<N>>;
}

export type CaseMutationName = Exclude<MutationName, 'case.create' | `bulk.${string}`>;

export function isBulkMutation(name: MutationName): name is Extract<MutationName, `bulk.${string}`> {
  return name.startsWith('bulk.');
}

/**
 * The lifecycle command a single-case mutation stands for. `actorId` resolves `case.take`.
 * Shared so the server's decision and the desk's prediction start from the same command.
 */
export function toCaseCommand(
  name: CaseMutationName,
  args: MutationArgs<CaseMutationName>,
  actorId: string,
): CaseCommand {
  switch (name) {
    case 'case.assign':
      return { type: 'assign', assigneeId: (args as MutationArgs<'case.assign'>).assigneeId };
    case 'case.take':
      return { type: 'assign', assigneeId: actorId };
    case 'case.start':
      return { type: 'start' };
    case 'case.ask':
      return { type: 'ask', body: (args as MutationArgs<'case.ask'>).body };
    case 'case.reply': {
      const a = args as MutationArgs<'case.reply'>;
      return { type: 'reply', body: a.body, final: a.final };
    }
    case 'case.markAnswered':
      return { type: 'markAnswered' };
    case 'case.close':
      return { type: 'close' };
    case 'case.transfer': {
      const a = args as MutationArgs<'case.transfer'>;
      return { type: 'transfer', toAgencyId: a.toAgencyId, reason: a.reason, note: a.note };
    }
    case 'case.acknowledge':
      return { type: 'acknowledge' };
    case 'case.setPriority':
      return { type: 'setPriority', priority: (args as MutationArgs<'case.setPriority'>).priority };
    case 'case.tag': {
      const a = args as MutationArgs<'case.tag'>;
      return { type: 'tag', add: a.add, remove: a.remove };
    }
    case 'case.note':
      return { type: 'note', body: (args as MutationArgs<'case.note'>).body };
    case 'case.setOutcome': {
      const a = args as MutationArgs<'case.setOutcome'>;
      return { type: 'setOutcome', outcome: a.outcome, reason: a.reason };
    }
    case 'case.setMassMaster':
      return { type: 'setMassMaster' };
  }
}

