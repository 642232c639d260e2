// The supervisor's rules that both sides must agree on: who may take new work (not on leave,
// online, under capacity), how auto-assignment picks an agent, and how a leave cover spreads
// an agent's open cases over colleagues. Pure: the server decides with these, the board
// previews with the very same functions, so the preview is what gets applied.
import { z } from 'zod';
import { agencyIdSchema, epochMsSchema, idSchema } from './domain';
import type { Language } from './domain';

export const AUTO_ASSIGN_MODES = ['off', 'round_robin', 'least_loaded'] as const;
export const autoAssignModeSchema = z.enum(AUTO_ASSIGN_MODES);
export type AutoAssignMode = z.infer<typeof autoAssignModeSchema>;

/** the longest leave one request may set (a year and a bit) */
export const MAX_LEAVE_MS = 400 * 86_400_000;

export const leaveSchema = z.object({ from: epochMsSchema, to: epochMsSchema });
export type Leave = z.infer<typeof leaveSchema>;

export function onLeaveAt(leave: Leave | null, now: number): boolean {
  return leave !== null && leave.from <= now && now < leave.to;
}

/** What the server knows of one person beyond their staff record. */
export const agentStateSchema = z.object({
  staffId: idSchema,
  /** a desk of theirs is connected to the case server now and not away */
  online: z.boolean(),
  /** connected, but every desk of theirs is away (idle, or set so): auto-assignment skips them */
  away: z.boolean(),
  /** their current or next leave; null: none set */
  leave: leaveSchema.nullable(),
});
export type AgentState = z.infer<typeof agentStateSchema>;

export const supervisionRequestSchema = z.object({ agencyIds: z.array(agencyIdSchema).min(1).max(100).optional() });
export type SupervisionRequest = z.infer<typeof supervisionRequestSchema>;

export const supervisionStateSchema = z.object({
  asOf: epochMsSchema,
  autoAssign: z.array(z.object({ agencyId: agencyIdSchema, mode: autoAssignModeSchema })),
  agents: z.array(agentStateSchema),
});
export type SupervisionState = z.infer<typeof supervisionStateSchema>;

export const setLeaveRequestSchema = z
  .object({
    staffId: idSchema,
    /** null ends the person's leave */
    leave: leaveSchema.nullable(),
  })
  .refine((r) => r.leave === null || r.leave.to > r.leave.from, { message: 'the leave must end after it starts', path: ['leave', 'to'] })
  .refine((r) => r.leave === null || r.leave.to - r.leave.from <= MAX_LEAVE_MS, { message: 'a leave may last at most 400 days', path: ['leave', 'to'] });
export type SetLeaveRequest = z.infer<typeof setLeaveRequestSchema>;

export const setAutoAssignRequestSchema = z.object({ agencyId: agencyIdSchema, mode: autoAssignModeSchema });
export type SetAutoAssignRequest = z.infer<typeof setAutoAssignRequestSchema>;

/** One person as an assignment rule sees them. */
export type AssignCandidate = {
  id: string;
  open: number;
  capacity: number;
  languages: readonly Language[];
};

/** Remaining room before the person's capacity (negative when overloaded). */
export function remaining(c: AssignCandidate): number {
  return c.capacity - c.open;
}

function byLoad(a: AssignCandidate, b: AssignCandidate): number {
  // the emptier person first; equal room, the lighter load relative to capacity; then a stable order
  const ratio = (c: AssignCandidate) => (c.capacity === 0 ? Number.POSITIVE_INFINITY : c.open / c.capacity);
  return remaining(b) - remaining(a) || ratio(a) - ratio(b) || a.id.localeCompare(b.id);
}

/**
 * The agent an arriving case goes to, or null (leave it unassigned). `candidates` are those
 * eligible already (active agents of the agency, online, not on leave); the capacity cap
 * drops anyone at or over capacity. A citizen's language is preferred when someone free speaks it.
 */
export function pickAutoAssignee(
  mode: AutoAssignMode,
  candidates: readonly AssignCandidate[],
  language: Language,
  lastAssigneeId: string | null,
): string | null {
  if (mode === 'off') return null;
  const free = candidates.filter((c) => remaining(c) > 0);
  const speakers = free.filter((c) => c.languages.includes(language));
  const pool = speakers.length > 0 ? speakers : free;
  if (pool.length === 0) return null;
  if (mode === 'least_loaded') return [...pool].sort(byLoad)[0]?.id ?? null;
  // round-robin: the first in id order after the last one given a case
  const ordered = [...pool].sort((a, b) => a.id.localeCompare(b.id));
  return (ordered.find((c) => lastAssigneeId !== null && c.id > lastAssigneeId) ?? ordered[0])?.id ?? null;
}

export type CoverCase = { id: string; language: Language };

export type CoverPlan = {
  /** parallel arrays, as `bulk.cover` takes them */
  caseIds: string[];
  assigneeIds: string[];
  /** per colleague: how many they get, their open cases before and after */
  shares: { id: string; count: number; openBefore: number; openAfter: number; capacity: number }[];
};

/**
 * Spreads the cases over the colleagues, one at a time to whoever has the most room left
 * (capacity minus open minus what the cover gave them already), among those who speak the
 * citizen's language when any of them does. Deterministic: the same inputs, the same plan.
 */
export function planCover(cases: readonly CoverCase[], colleagues: readonly AssignCandidate[]): CoverPlan {
  const load = new Map(colleagues.map((c) => [c.id, { ...c }]));
  const given = new Map<string, number>(colleagues.map((c) => [c.id, 0]));
  const caseIds: string[] = [];
  const assigneeIds: string[] = [];
  if (colleagues.length > 0) {
    for (const c of cases) {
      const everyone = [...load.values()];
      const speakers = everyone.filter((x) => x.languages.includes(c.language));
      const chosen = [...(speakers.length > 0 ? speakers : everyone)].sort(byLoad)[0];
      if (chosen === undefined) continue;
      chosen.open += 1;
      given.set(chosen.id, (given.get(chosen.id) ?? 0) + 1);
      caseIds.push(c.id);
      assigneeIds.push(chosen.id);
    }
  }
  const shares = colleagues.map((c) => {
    const count = given.get(c.id) ?? 0;
    return { id: c.id, count, openBefore: c.open, openAfter: c.open + count, capacity: c.capacity };
  });
  return { caseIds, assigneeIds, shares };
}
