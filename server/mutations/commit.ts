// Writes decided case edits inside the caller's transaction: case rows, thread messages,
// the change feed of every agency touched, and the audit trail. Returns the `changes` events
// to broadcast once the transaction has committed (never before: a desk must not see a
// change that could still roll back).
import { maskCase } from '../../shared/domain';
import type { Case, Message } from '../../shared/domain';
import type { ChangesEvent } from '../../shared/protocol';
import { updateCases } from '../store/case-updates';
import { insertRows } from '../store/bulk-insert';
import { insertCases, updateCase } from '../store/cases';
import { messageToRow } from '../store/rows';
import type { Dialect, Tx } from '../store/db';
import { appendChanges } from '../store/feed';
import type { PendingChange } from '../store/feed';
import type { AuditEntry } from './claim';
import { writeAudit } from './claim';

export type CaseEdit = {
  /** null when the case is new */
  before: Case | null;
  after: Case;
  messages: Message[];
};

export type { AuditEntry };

const MESSAGE_COLUMNS = ['id', 'case_id', 'author', 'kind', 'body', 'meta', 'created_at'] as const;

export async function commitEdits(tx: Tx, dialect: Dialect, edits: readonly CaseEdit[], audit: AuditEntry, now: number): Promise<ChangesEvent[]> {
  const created = edits.filter((e) => e.before === null).map((e) => e.after);
  if (created.length > 0) await insertCases(tx, created);
  const updated = edits.filter((e): e is CaseEdit & { before: Case } => e.before !== null);
  // one case (the desk's everyday mutation) keeps the plain statement; bulk goes set-based
  if (updated.length === 1 && updated[0] !== undefined) await updateCase(tx, updated[0].after);
  else if (updated.length > 1) await updateCases(tx, dialect, updated);
  await insertRows(tx, dialect, 'messages', MESSAGE_COLUMNS, edits.flatMap((e) => e.messages.map(messageToRow)));

  // the audit goes before the feed: taking seq numbers locks the agency's feed until commit,
  // so as little as possible comes after it
  await writeAudit(tx, dialect, audit, edits.map((e) => e.after.id), now);

  const feeds = new Map<string, PendingChange[]>();
  const feedOf = (agencyId: string) => {
    let feed = feeds.get(agencyId);
    if (feed === undefined) {
      feed = [];
      feeds.set(agencyId, feed);
    }
    return feed;
  };
  for (const edit of edits) {
    const target = feedOf(edit.after.agencyId);
    // what the feed stores and broadcasts: numbers masked at the source
    target.push({ type: 'case', case: maskCase(edit.after) });
    for (const message of edit.messages) target.push({ type: 'message', message });
    if (edit.before !== null && edit.before.agencyId !== edit.after.agencyId) {
      feedOf(edit.before.agencyId).push({ type: 'case.removed', caseId: edit.after.id, toAgencyId: edit.after.agencyId });
    }
  }

  const events: ChangesEvent[] = [];
  // agencies in a fixed order, so two writers touching the same two agencies lock their
  // agency_seq rows in the same order and cannot deadlock
  for (const agencyId of [...feeds.keys()].sort()) {
    const changes = await appendChanges(tx, dialect, agencyId, feeds.get(agencyId) ?? [], now);
    const first = changes[0];
    const last = changes[changes.length - 1];
    if (first !== undefined && last !== undefined) {
      events.push({ agencyId, fromSeq: first.seq, toSeq: last.seq, changes });
    }
  }

  return events;
}

/** Splits a large event into ones of at most `size` changes, each with contiguous seqs. */
export function splitChangesEvent(event: ChangesEvent, size: number): ChangesEvent[] {
  if (event.changes.length <= size) return [event];
  const parts: ChangesEvent[] = [];
  for (let i = 0; i < event.changes.length; i += size) {
    const changes = event.changes.slice(i, i + size);
    parts.push({
      agencyId: event.agencyId,
      fromSeq: changes[0]?.seq ?? event.fromSeq,
      toSeq: changes[changes.length - 1]?.seq ?? event.toSeq,
      changes,
    });
  }
  return parts;
}
