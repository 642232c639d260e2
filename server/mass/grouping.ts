// Grouping a complaint with its near-identical twins as it is filed, inside the transaction
// that files it (create.ts, the one path of the intake API and the desk's `case.create`).
// The new complaint's signature (shared/mass.ts) is compared with the agency's open complaints
// filed in the last MASS_WINDOW_MS that share a MinHash key with it; the best match at or
// above MASS_SIMILARITY decides: join its group, or form one with it. The earlier case then
// changes too (it gains the group), so its edit is written and fed with the new case's.
import type { Case } from '../../shared/domain';
import { MASS_EXCERPT_LENGTH, MASS_WINDOW_MS, jaccard, massKeys, massSignature, nearIdentical } from '../../shared/mass';
import { nextId } from '../ids';
import { writeAudit } from '../mutations/claim';
import type { CaseEdit } from '../mutations/commit';
import { loadCasesForUpdate } from '../store/cases';
import type { Dialect, Tx } from '../store/db';
import type { MassCandidate } from '../store/mass';
import { addToGroup, findCandidates, insertGroup, lockAgencyGrouping, rememberSignature } from '../store/mass';

/** the author of the audit rows of what the server groups on its own */
const GROUPING_ACTOR = 'system';

/** The closest open twin at or above the threshold; ties go to one already grouped, then the latest. */
function bestMatch(words: readonly string[], candidates: readonly MassCandidate[]): { candidate: MassCandidate; similarity: number } | null {
  let best: { candidate: MassCandidate; similarity: number } | null = null;
  for (const candidate of candidates) {
    if (!nearIdentical(words, candidate.words)) continue;
    const similarity = jaccard(words, candidate.words);
    const better =
      best === null ||
      similarity > best.similarity ||
      (similarity === best.similarity && candidate.massGroupId !== null && best.candidate.massGroupId === null);
    if (better) best = { candidate, similarity };
  }
  return best;
}

function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= MASS_EXCERPT_LENGTH ? flat : `${flat.slice(0, MASS_EXCERPT_LENGTH - 1)}…`;
}

async function auditGrouped(tx: Tx, dialect: Dialect, caseIds: readonly string[], detail: object, now: number): Promise<void> {
  await writeAudit(tx, dialect, { staffId: GROUPING_ACTOR, client: 'server', action: 'mass.group', detail: JSON.stringify(detail) }, caseIds, now);
}

/**
 * A new group with the earlier case, which gains it (a change of the server's own, with no
 * thread message); the group is about what the earlier case says. Null when that case is gone
 * or grouped meanwhile.
 */
async function formGroup(tx: Tx, dialect: Dialect, caseId: string, now: number): Promise<{ groupId: string; earlier: CaseEdit } | null> {
  const before = (await loadCasesForUpdate(tx, dialect, [caseId])).get(caseId);
  if (before === undefined || before.massGroupId !== null) return null;
  const groupId = nextId(now);
  await insertGroup(tx, {
    id: groupId,
    agencyId: before.agencyId,
    subject: before.subject,
    excerpt: excerptOf(before.body),
    language: before.language,
    firstFiledAt: before.createdAt,
    now,
    members: 2,
  });
  const after: Case = { ...before, massGroupId: groupId, version: before.version + 1, updatedAt: now };
  return { groupId, earlier: { before, after, messages: [] } };
}

/**
 * Groups the new case of `edit` (its `after` gains `massGroupId` when it joins or forms a
 * group). Returns the edits of earlier cases that joined the group with it (at most one: the
 * twin a new group forms with). Only complaints are grouped.
 */
export async function groupOnArrival(tx: Tx, dialect: Dialect, edit: CaseEdit, now: number): Promise<CaseEdit[]> {
  const c = edit.after;
  if (c.kind !== 'complaint') return [];
  const words = massSignature(c.subject, c.body);
  const keys = massKeys(words);
  if (keys.length === 0) return [];
  await lockAgencyGrouping(tx, dialect, c.agencyId);
  const match = bestMatch(words, await findCandidates(tx, c.agencyId, keys, now - MASS_WINDOW_MS));
  await rememberSignature(tx, dialect, c.id, c.agencyId, words, keys, now);
  if (match === null) return [];
  const { candidate, similarity } = match;
  if (candidate.massGroupId !== null) {
    edit.after = { ...c, massGroupId: candidate.massGroupId };
    await addToGroup(tx, candidate.massGroupId, 1, now);
    await auditGrouped(tx, dialect, [c.id], { groupId: candidate.massGroupId, with: candidate.caseId, similarity }, now);
    return [];
  }
  const formed = await formGroup(tx, dialect, candidate.caseId, now);
  if (formed === null) return [];
  edit.after = { ...c, massGroupId: formed.groupId };
  await auditGrouped(tx, dialect, [candidate.caseId, c.id], { groupId: formed.groupId, with: candidate.caseId, similarity }, now);
  return [formed.earlier];
}
