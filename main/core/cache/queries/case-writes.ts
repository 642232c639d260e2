// Writes to cases, threads, case bases and the search index, each group over its own
// statements, prepared once here.
import type { Database, Statement } from 'better-sqlite3';
import type { Case, Message } from '../../../../shared/domain';
import { caseSchema, messageSchema } from '../../../../shared/domain';
import type { MessageColumns } from '../../../../shared/case-columns';
import { columnsToMessage, messageToColumns } from '../../../../shared/case-columns';
import { CASE_COLUMNS, caseToTableRow, tableRowToCase } from '../case-columns';
import type { CaseTableRow } from '../case-columns';
import type { SearchIndexState } from '../search-index-state';
import { createSearchRows } from '../search-rows';

type MessageTableRow = MessageColumns & { pending_mutation_id: string | null };

function messageFromRow(row: MessageTableRow): Message {
  return messageSchema.parse(columnsToMessage(row));
}

/** The case rows: written column by column, read back, and the read-only copies of cases moved away. */
function createCaseRows(db: Database) {
  const columnList = CASE_COLUMNS.join(', ');
  const insertCase = db.prepare(`INSERT INTO cases (${columnList}) VALUES (${CASE_COLUMNS.map((c) => '@' + c).join(', ')})`);
  // An update sets only the columns that changed: SQLite rewrites the entries of every index
  // holding a column named in SET, whatever its value, and the cases table has twelve (an
  // assignment names four columns, not thirty-six). One statement per set of columns.
  const updates = new Map<string, Statement>();
  const updateOf = (columns: readonly string[]): Statement => {
    const key = columns.join(',');
    let update = updates.get(key);
    if (update === undefined) {
      update = db.prepare(`UPDATE cases SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
      updates.set(key, update);
    }
    return update;
  };
  const selectCase = db.prepare<[string], CaseTableRow>(`SELECT ${columnList} FROM cases WHERE id = ?`);
  const selectVersion = db.prepare<[string], { version: number; assignee_id: string | null }>(
    'SELECT version, assignee_id FROM cases WHERE id = ?',
  );
  const anyCase = db.prepare<[], { one: number }>('SELECT 1 AS one FROM cases LIMIT 1');
  const deleteCaseRow = db.prepare('DELETE FROM cases WHERE id = ?');
  const selectClosedBefore = db.prepare<[number, number, number], { id: string }>(
    "SELECT id FROM cases INDEXED BY cases_closed WHERE status = 'closed' AND closed_at < ? ORDER BY closed_at, id LIMIT ? OFFSET ?",
  );
  const selectAgencyCaseIds = db.prepare<[string], { id: string }>('SELECT id FROM cases WHERE agency_id = ?');
  const upsertMoved = db.prepare('INSERT INTO moved_cases (id, json) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json');
  const selectMoved = db.prepare<[string], { json: string }>('SELECT json FROM moved_cases WHERE id = ?');
  const deleteMovedOf = db.prepare('DELETE FROM moved_cases WHERE id = ?');

  return {
    /** Writes the case as shown; the caller decides whether it is newer. */
    writeCase(c: Case): void {
      const row = caseToTableRow(c);
      const current = selectCase.get(c.id);
      if (current === undefined) insertCase.run(row);
      else {
        const changed = CASE_COLUMNS.filter((column) => column !== 'id' && current[column] !== row[column]);
        if (changed.length > 0) updateOf(changed).run(row);
      }
      deleteMovedOf.run(c.id); // transferred back: no longer a read-only record
    },
    readCase(id: string): Case | null {
      const row = selectCase.get(id);
      return row === undefined ? null : tableRowToCase(row);
    },
    readVersion(id: string): { version: number; assigneeId: string | null } | null {
      const row = selectVersion.get(id);
      return row === undefined ? null : { version: row.version, assigneeId: row.assignee_id };
    },
    /** cases closed before `cutoff`, oldest first (the retention purge; `skip` passes over kept ones) */
    closedBefore(cutoff: number, limit: number, skip = 0): string[] {
      return selectClosedBefore.all(cutoff, limit, skip).map((r) => r.id);
    },
    caseIdsOfAgency(agencyId: string): string[] {
      return selectAgencyCaseIds.all(agencyId).map((r) => r.id);
    },
    isEmpty(): boolean {
      return anyCase.get() === undefined;
    },
    deleteRow: (id: string): void => {
      deleteCaseRow.run(id);
    },
    writeMoved: (c: Case): void => {
      upsertMoved.run(c.id, JSON.stringify(c));
    },
    readMoved(id: string): Case | null {
      const row = selectMoved.get(id);
      return row === undefined ? null : caseSchema.parse(JSON.parse(row.json));
    },
    deleteMoved: (id: string): void => {
      deleteMovedOf.run(id);
    },
  };
}

/** The thread: messages, with the predicted ones tagged by the mutation that predicted them. */
function createThreadRows(db: Database) {
  const deleteMessagesOf = db.prepare('DELETE FROM messages WHERE case_id = ?');
  const insertMessageRow = db.prepare(
    `INSERT INTO messages (id, case_id, author, kind, body, meta, created_at, pending_mutation_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
  );
  const selectMessages = db.prepare<[string], MessageTableRow>(
    'SELECT * FROM messages WHERE case_id = ? ORDER BY created_at, id',
  );
  const selectPendingMessageCases = db.prepare<[string], { case_id: string }>(
    'SELECT DISTINCT case_id FROM messages WHERE pending_mutation_id = ?',
  );
  const deletePendingMessagesRows = db.prepare('DELETE FROM messages WHERE pending_mutation_id = ?');

  return {
    insertMessage(m: Message, pendingMutationId: string | null = null): void {
      const row = messageToColumns(m);
      insertMessageRow.run(row.id, row.case_id, row.author, row.kind, row.body, row.meta, row.created_at, pendingMutationId);
    },
    messagesOf(caseId: string): Message[] {
      return selectMessages.all(caseId).map(messageFromRow);
    },
    /** Drops a mutation's predicted messages; returns the cases they were on. */
    deletePendingMessages(mutationId: string): string[] {
      const caseIds = selectPendingMessageCases.all(mutationId).map((r) => r.case_id);
      deletePendingMessagesRows.run(mutationId);
      return caseIds;
    },
    deleteThread: (caseId: string): void => {
      deleteMessagesOf.run(caseId);
    },
  };
}

/** The server's version of a case this desk has mutations waiting on (case_base; outbox/optimistic.ts). */
function createBaseRows(db: Database) {
  const deleteBaseOf = db.prepare('DELETE FROM case_base WHERE id = ?');
  const selectBase = db.prepare<[string], { json: string | null }>('SELECT json FROM case_base WHERE id = ?');
  const upsertBase = db.prepare(
    'INSERT INTO case_base (id, json) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json',
  );
  const selectBaseIds = db.prepare<[], { id: string }>('SELECT id FROM case_base');
  const selectBaseVersion = db.prepare<[string], { created: number; version: number | null; assignee_id: string | null }>(
    "SELECT json IS NULL AS created, json_extract(json, '$.version') AS version, json_extract(json, '$.assigneeId') AS assignee_id FROM case_base WHERE id = ?",
  );

  return {
    /** undefined: no base kept; null: the case does not exist on the server yet. */
    readBase(id: string): Case | null | undefined {
      const row = selectBase.get(id);
      if (row === undefined) return undefined;
      return row.json === null ? null : caseSchema.parse(JSON.parse(row.json));
    },
    /**
     * What the feed compares a server version with, without parsing the whole base (a bulk's
     * feed asks for 10,000): undefined, no base; null, the case does not exist on the server yet.
     */
    readBaseVersion(id: string): { version: number; assigneeId: string | null } | null | undefined {
      const row = selectBaseVersion.get(id);
      if (row === undefined) return undefined;
      return row.created === 1 || row.version === null ? null : { version: row.version, assigneeId: row.assignee_id };
    },
    writeBase(id: string, c: Case | null): void {
      upsertBase.run(id, c === null ? null : JSON.stringify(c));
    },
    deleteBase(id: string): void {
      deleteBaseOf.run(id);
    },
    baseIds(): string[] {
      return selectBaseIds.all().map((r) => r.id);
    },
  };
}

/** The search rows of cases (search-rows.ts), and the deferred index built in batches. */
function createSearchWrites(db: Database, index: SearchIndexState) {
  const selectUnindexed = db.prepare<[number], { id: string }>('SELECT id FROM cases WHERE search_docid IS NULL LIMIT ?');
  const countUnindexed = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM cases WHERE search_docid IS NULL');
  const searchRows = createSearchRows(db, index);
  const reindexCases = (caseIds: Iterable<string>, force = false): number => searchRows.reindexCases(caseIds, force);

  return {
    forget: (caseId: string): void => searchRows.forget(caseId),
    reindex(caseId: string): void {
      reindexCases([caseId]);
    },
    reindexCases,
    /**
     * Gives up to `limit` cases that have no search row one (the deferred index, built in
     * batches); returns how many it indexed and how many are still without.
     */
    indexUnindexed(limit: number): { indexed: number; left: number } {
      const ids = selectUnindexed.all(limit).map((r) => r.id);
      const indexed = reindexCases(ids, true);
      return { indexed, left: ids.length < limit ? 0 : (countUnindexed.get()?.n ?? 0) };
    },
    unindexedCount(): number {
      return countUnindexed.get()?.n ?? 0;
    },
  };
}

/** Writes to cases, threads, bases and the search index, and the two that touch them all. */
export function createCaseWrites(db: Database, index: SearchIndexState) {
  // the parts' own helpers (arrow functions, so they may be taken off their object) stay inside
  const { deleteRow, writeMoved, deleteMoved, ...rows } = createCaseRows(db);
  const { deleteThread, ...thread } = createThreadRows(db);
  const base = createBaseRows(db);
  const { forget, ...search } = createSearchWrites(db, index);
  return {
    ...rows,
    ...thread,
    ...base,
    ...search,
    deleteCase(id: string): void {
      forget(id);
      deleteThread(id);
      base.deleteBase(id);
      deleteRow(id);
      deleteMoved(id);
    },
    /** The case went to an agency this desk does not see: out of every view, kept read-only. */
    moveAway(c: Case): void {
      forget(c.id);
      base.deleteBase(c.id);
      deleteRow(c.id);
      writeMoved(c);
    },
  };
}

export type CaseWrites = ReturnType<typeof createCaseWrites>;
