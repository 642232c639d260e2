// Search: exact lookups (reference, CPR, phone) on indexed columns first, then full-text
// matches newest first. Query and index text pass through the same normalizeForSearch.
import type { CaseFilter, CaseRow, ViewId } from '../../../../shared/desk-api';
import { normalizeForSearch } from '../../../../shared/arabic';
import type { StatementCache } from '../statement-cache';
import { CASE_ROW_COLUMNS, listRowToCaseRow } from '../case-columns';
import type { ListTableRow } from '../case-columns';
import { combine, filterClause, viewClause } from './view-clauses';
import type { Clause, ViewContext } from './view-clauses';
import { scopeTokensFor } from '../scope-tokens';
import type { SearchIndexState } from '../search-index-state';

export type SearchRequest = { query: string; view: ViewId; filter: CaseFilter; limit: number };

/** The exact-match column lookups a query may stand for. */
export function exactLookups(query: string): Clause[] {
  const compact = normalizeForSearch(query).trim().toUpperCase().replace(/\s+/g, '');
  const lookups: Clause[] = [];
  const ref = /^TW-?(\d{4})-?(\d{1,8})$/.exec(compact);
  if (ref !== null) {
    lookups.push({ sql: ['ref = ?'], params: [`TW-${ref[1]}-${ref[2].padStart(8, '0')}`] });
    return lookups;
  }
  const yearAndNumber = /^(\d{4})-(\d{1,8})$/.exec(compact);
  if (yearAndNumber !== null) {
    lookups.push({ sql: ['ref = ?'], params: [`TW-${yearAndNumber[1]}-${yearAndNumber[2].padStart(8, '0')}`] });
    return lookups;
  }
  if (!/^\+?[\d-]+$/.test(compact)) return lookups;
  const digits = compact.replace(/\D/g, '');
  if (digits.length === 0) return lookups;
  if (digits.length <= 8) lookups.push({ sql: ['ref_number = ?'], params: [Number(digits)] });
  if (digits.length === 9) lookups.push({ sql: ['citizen_cpr = ?'], params: [digits] });
  if (digits.length >= 7 && digits.length <= 15) {
    lookups.push({ sql: ['citizen_phone_digits = ?'], params: [digits] });
    // Bahraini numbers are often typed without the country code, and stored with it
    if (digits.length === 8) lookups.push({ sql: ['citizen_phone_digits = ?'], params: [`973${digits}`] });
  }
  return lookups;
}

/** The FTS5 query for what the user typed: every word must match, the last one as a prefix. */
export function ftsQuery(query: string): string | null {
  const normalized = normalizeForSearch(query);
  const tokens = normalized.match(/[\p{L}\p{N}]+/gu);
  if (tokens === null || tokens.length === 0) return null;
  const stillTyping = !/\s$/.test(query);
  return tokens
    .map((token, i) => {
      const prefix = stillTyping && i === tokens.length - 1 && token.length >= 2;
      return `"${token}"${prefix ? ' *' : ''}`;
    })
    .join(' ');
}

/**
 * How many of the newest matches are looked at before the search walks the view instead.
 * Neither order suits every query: a rare word has few matches (read them all), a common word
 * in a small view (mine) has many matches but few rows to check. Measured on 1M cases.
 */
const NEWEST_MATCHES = 4_000;
/** docids read per step when the text's matches and the view's tokens are intersected */
export const MERGE_CHUNK = 2_000;

type DocidQuery = { raw(toggle: boolean): { all(...params: unknown[]): unknown[] } };

function docidsOf(query: DocidQuery, ...params: unknown[]): number[] {
  const rows = query.raw(true).all(...params) as number[][];
  query.raw(false);
  return rows.map((r) => r[0]);
}

/** The docids in both ascending lists. */
function intersect(a: readonly number[], b: readonly number[]): number[] {
  const both: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both.push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return both;
}

export function createSearchQueries(statement: StatementCache, isPending: (caseId: string) => boolean, index: SearchIndexState) {
  const newestMatches = statement('SELECT rowid FROM case_fts WHERE case_fts MATCH ? ORDER BY rowid LIMIT ?');
  const textAfter = statement('SELECT rowid FROM case_fts WHERE case_fts MATCH ? AND rowid > ? ORDER BY rowid LIMIT ?');
  const scopeAfter = statement('SELECT rowid FROM case_scope WHERE case_scope MATCH ? AND rowid > ? ORDER BY rowid LIMIT ?');

  function casesOf(docids: readonly number[], scope: Clause, limit: number): ListTableRow[] {
    const where = scope.sql.length === 0 ? '' : ` WHERE ${scope.sql.join(' AND ')}`;
    return statement(
      `SELECT ${CASE_ROW_COLUMNS} FROM (SELECT value AS docid FROM json_each(?)) AS m CROSS JOIN cases ON cases.search_docid = m.docid${where} LIMIT ?`,
    ).all(JSON.stringify(docids), ...scope.params, limit) as ListTableRow[];
  }

  /**
   * A common word in a view narrower than its newest matches: the text's docids and the
   * view's (case_scope) are both streamed in docid order and intersected a chunk at a time;
   * each step reads on from the smaller of the two chunks' ends.
   */
  function mergedMatches(words: string, scopeTokens: string, scope: Clause, after: number, limit: number): ListTableRow[] {
    const found: ListTableRow[] = [];
    for (let cursor = after; found.length < limit; ) {
      const text = docidsOf(textAfter, words, cursor, MERGE_CHUNK);
      const inView = docidsOf(scopeAfter, scopeTokens, cursor, MERGE_CHUNK);
      const both = intersect(text, inView);
      if (both.length > 0) found.push(...casesOf(both, scope, limit - found.length));
      if (text.length === 0 || inView.length === 0) break;
      // everything up to the nearer end is intersected; the list that ends there decides
      // whether anything is left (the other one is read again from there)
      const textEnd = text[text.length - 1];
      const viewEnd = inView[inView.length - 1];
      if (textEnd <= viewEnd ? text.length < MERGE_CHUNK : inView.length < MERGE_CHUNK) break;
      cursor = Math.min(textEnd, viewEnd);
    }
    return found;
  }

  function textMatches(words: string, scopeTokens: string[], scope: Clause, limit: number): ListTableRow[] {
    const docids = docidsOf(newestMatches, words, NEWEST_MATCHES + 1);
    if (docids.length <= NEWEST_MATCHES) {
      // every match is known: rank them exactly by recency
      const where = scope.sql.length === 0 ? '' : ` AND ${scope.sql.join(' AND ')}`;
      const sql = `SELECT ${CASE_ROW_COLUMNS} FROM cases WHERE search_docid IN (SELECT value FROM json_each(?))${where} ORDER BY updated_at DESC, id DESC LIMIT ?`;
      return statement(sql).all(JSON.stringify(docids), ...scope.params, limit) as ListTableRow[];
    }
    // a common word: the newest matches usually fill the page (docids run newest first)
    const newest = casesOf(docids.slice(0, NEWEST_MATCHES), scope, limit);
    if (newest.length >= limit) return newest;
    const from = docids[NEWEST_MATCHES - 1];
    if (scopeTokens.length > 0) {
      const tokens = scopeTokens.map((t) => `"${t}"`).join(' ');
      return [...newest, ...mergedMatches(words, tokens, scope, from, limit - newest.length)];
    }
    // the view narrows further than any token says: keep streaming the text's matches
    const where = scope.sql.length === 0 ? '' : ` AND ${scope.sql.join(' AND ')}`;
    const sql =
      `SELECT ${CASE_ROW_COLUMNS} FROM case_fts CROSS JOIN cases ON cases.search_docid = case_fts.rowid ` +
      `WHERE case_fts MATCH ? AND case_fts.rowid > ?${where} ORDER BY case_fts.rowid LIMIT ?`;
    return [...newest, ...(statement(sql).all(words, from, ...scope.params, limit - newest.length) as ListTableRow[])];
  }

  return {
    search(request: SearchRequest, ctx: ViewContext): CaseRow[] {
      const scope = combine(viewClause(request.view, ctx), filterClause(request.filter));
      const found = new Map<string, ListTableRow>();

      for (const lookup of exactLookups(request.query)) {
        const clause = combine(lookup, scope);
        const sql = `SELECT ${CASE_ROW_COLUMNS} FROM cases WHERE ${clause.sql.join(' AND ')} ORDER BY updated_at DESC, id DESC LIMIT ?`;
        for (const row of statement(sql).all(...clause.params, request.limit) as ListTableRow[]) {
          if (found.size >= request.limit) break;
          found.set(row.id, row);
        }
      }
      const exactCount = found.size;

      // while the index is being built, text matches would be a random part of the answer:
      // only the exact lookups (indexed columns) are given, and the caller says "indexing"
      const words = index.deferred() ? null : ftsQuery(request.query);
      const scopeTokens = scopeTokensFor(request.view, request.filter, ctx.selfId);
      if (words !== null && found.size < request.limit) {
        for (const row of textMatches(words, scopeTokens, scope, request.limit)) {
          if (found.size >= request.limit) break;
          if (!found.has(row.id)) found.set(row.id, row);
        }
      }

      const all = [...found.values()];
      const exact = all.slice(0, exactCount);
      const text = all
        .slice(exactCount)
        .sort((a, b) => b.updated_at - a.updated_at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      return [...exact, ...text].map((r) => listRowToCaseRow(r, isPending(r.id)));
    },
  };
}

export type SearchQueries = ReturnType<typeof createSearchQueries>;
