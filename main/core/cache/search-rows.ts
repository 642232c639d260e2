// The search rows of cases: their text in case_fts, their view-scope tokens in case_scope,
// both under one docid per case (migration 006). A rebuild writes only what changed:
// - the text row when the case's text or its thread changed (fingerprint in cases.search_key);
// - the scope row when a scoped field changed (assignee, status…), a few tokens;
// - nothing at all for the same case asked again (a prediction, the feed and the server's
//   confirmation each ask; only the first that changes something pays).
// The docid follows the case's last message, newest first: `ORDER BY rowid LIMIT n` streams
// matches by recency of the thread, and an assignment leaves it where it is.
import type { Database } from 'better-sqlite3';
import { normalizeForSearch } from '../../../shared/arabic';
import { scopeTokensOf } from './scope-tokens';
import type { ScopeFields } from './scope-tokens';
import type { SearchIndexState } from './search-index-state';

const DOCID_COUNTER_SPAN = 2 ** 20;
/** 2^32 s after 1970 (year 2106): docids stay positive and below 2^53 */
const DOCID_EPOCH_SECONDS = 2 ** 32;

/** cyrb53: a 53-bit fingerprint, so two different texts practically never share one */
export function fingerprint(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function docidSeconds(at: number): number {
  // newer threads get SMALLER docids: FTS5 streams a doclist cheaply in ascending rowid
  // order only (descending reads whole doclists first: 80 ms for a common word on 1M cases)
  return DOCID_EPOCH_SECONDS - Math.floor(at / 1000);
}

type IndexState = ScopeFields & {
  search_text: string;
  search_docid: number | null;
  search_key: number | null;
  scope_key: number | null;
  created_at: number;
};
type Row = { docid: number; text: string };

export type SearchRows = {
  /** Brings the search rows of the cases up to date; returns how many text rows it wrote. */
  reindexCases(caseIds: Iterable<string>, force?: boolean): number;
  /** Drops a case's rows (the case leaves the cache or the desk's agencies). */
  forget(caseId: string): void;
};

export function createSearchRows(db: Database, index: SearchIndexState): SearchRows {
  const selectState = db.prepare<[string], IndexState>(
    'SELECT search_text, search_docid, search_key, scope_key, created_at, assignee_id, status, is_open, escalated, kind, priority, agency_id, tags_key FROM cases WHERE id = ?',
  );
  // both read messages_thread alone (covering, partial: events never enter the search text)
  const threadShape = db.prepare<[string], { ids: string | null; last: number | null }>(
    "SELECT group_concat(id) AS ids, max(created_at) AS last FROM (SELECT id, created_at FROM messages WHERE case_id = ? AND kind != 'event' ORDER BY created_at, id)",
  );
  const threadText = db.prepare<[string], { body: string }>(
    "SELECT body FROM messages WHERE case_id = ? AND kind != 'event' ORDER BY created_at, id",
  );
  const docidTaken = db.prepare<[number], { one: number }>('SELECT 1 AS one FROM cases WHERE search_docid = ?');
  const setSearchRow = db.prepare('UPDATE cases SET search_docid = ?, search_key = ?, scope_key = ? WHERE id = ?');
  // the same docid: search_docid left out of SET, so its unique index entry is not rewritten
  // (an assignment then touches no page of that 1,000,000-entry index)
  const setSearchKeys = db.prepare('UPDATE cases SET search_key = ?, scope_key = ? WHERE id = ?');
  const textDelete = db.prepare('DELETE FROM case_fts WHERE rowid = ?');
  const textInsert = db.prepare('INSERT INTO case_fts (rowid, text) VALUES (?, ?)');
  const scopeDelete = db.prepare('DELETE FROM case_scope WHERE rowid = ?');
  const scopeInsert = db.prepare('INSERT INTO case_scope (rowid, tokens) VALUES (?, ?)');

  let docidCounter = Math.floor(Math.random() * DOCID_COUNTER_SPAN);
  function nextDocid(at: number): number {
    const seconds = docidSeconds(at);
    for (;;) {
      docidCounter = (docidCounter + 1) % DOCID_COUNTER_SPAN;
      const docid = seconds * DOCID_COUNTER_SPAN + docidCounter;
      if (docidTaken.get(docid) === undefined) return docid;
    }
  }

  function reindexCases(caseIds: Iterable<string>, force = false): number {
    const deferred = index.deferred() && !force;
    const textStale: number[] = [];
    const textRows: Row[] = [];
    const scopeStale: number[] = [];
    const scopeRows: Row[] = [];
    for (const caseId of new Set(caseIds)) {
      const state = selectState.get(caseId);
      if (state === undefined) continue;
      const old = state.search_docid;
      if (deferred) {
        if (old !== null) {
          textStale.push(old);
          scopeStale.push(old);
          setSearchRow.run(null, null, null, caseId);
        }
        continue;
      }
      const shape = threadShape.get(caseId);
      const key = fingerprint(`${state.search_text}\u0000${shape?.ids ?? ''}`);
      const scope = scopeTokensOf(state);
      const scopeKey = fingerprint(scope);
      let docid = old;
      if (old === null || key !== state.search_key) {
        const lastAt = shape?.last ?? state.created_at;
        // the same thread time keeps the docid: a corrected subject does not move the case
        if (old === null || Math.floor(old / DOCID_COUNTER_SPAN) !== docidSeconds(lastAt)) docid = nextDocid(lastAt);
        if (old !== null) textStale.push(old);
        const thread = shape?.ids == null ? [] : threadText.all(caseId).map((m) => normalizeForSearch(m.body));
        textRows.push({ docid: docid!, text: thread.length === 0 ? state.search_text : `${state.search_text}\n${thread.join('\n')}` });
      }
      const scopeMoves = docid !== old || scopeKey !== state.scope_key;
      if (scopeMoves) {
        if (old !== null) scopeStale.push(old);
        scopeRows.push({ docid: docid!, text: scope });
      }
      if (docid !== old) setSearchRow.run(docid, key, scopeKey, caseId);
      else if (key !== state.search_key || scopeKey !== state.scope_key) setSearchKeys.run(key, scopeKey, caseId);
    }
    // deletes first, then inserts in ascending docid order: FTS5 flushes its pending terms to
    // a new segment whenever a docid is not above the previous one
    write(textStale, textRows, textDelete, textInsert);
    write(scopeStale, scopeRows, scopeDelete, scopeInsert);
    return textRows.length;
  }

  function write(stale: number[], rows: Row[], remove: { run(docid: number): unknown }, insert: { run(docid: number, text: string): unknown }) {
    stale.sort((a, b) => a - b);
    for (const docid of stale) remove.run(docid);
    rows.sort((a, b) => a.docid - b.docid);
    for (const row of rows) insert.run(row.docid, row.text);
  }

  return {
    reindexCases,
    forget(caseId) {
      const docid = selectState.get(caseId)?.search_docid ?? null;
      if (docid === null) return;
      textDelete.run(docid);
      scopeDelete.run(docid);
    },
  };
}
