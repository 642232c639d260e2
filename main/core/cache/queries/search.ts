// Search: exact lookups (reference; the cases the server found for a CPR or phone number, since
// the cache holds those numbers masked) first, then full-text matches newest first. Query and
// index text pass through the same normalizeForSearch.
import type { CaseFilter, CaseRow, ViewId } from '../../../../shared/desk-api';
import { normalizeForSearch } from '../../../../shared/arabic';
import type { StatementCache } from '../statement-cache';
import { CASE_ROW_COLUMNS, listRowToCaseRow } from '../case-columns';
import type { ListTableRow } from '../case-columns';
import { combine, filterClause, viewClause } from './view-clauses';
import type { Clause, ViewContext } from './view-clauses';
import { scopeTokensFor } from '../scope-tokens';
import type { SearchIndexState } from '../search-index-state';
import { docidParam, docidsOf, intersectDocids } from './docid-stream';

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
   * A common word in a view: the text's docids and the view's (case_scope) are intersected in
   * docid order (docid-stream.ts), a page's worth of candidates at a time, each checked against
   * the view's SQL (which may narrow further).
   */
  function mergedMatches(words: string, scopeTokens: string, scope: Clause, after: number, limit: number): ListTableRow[] {
    const found: ListTableRow[] = [];
    intersectDocids({ query: textAfter, match: words }, { query: scopeAfter, match: scopeTokens }, after, limit, (docids) => {
      found.push(...casesOf(docids, scope, limit - found.length));
      return found.length < limit;
    });
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
    if (scopeTokens.length > 0) {
      // a common word in a view: the two docid streams intersected from the newest, so only
      // cases in both are read (checking the newest matches row by row read 4,000 rows to find
      // the 8 of them in "mine")
      const tokens = scopeTokens.map((t) => `"${t}"`).join(' ');
      return mergedMatches(words, tokens, scope, 0, limit);
    }
    // a common word: the newest matches usually fill the page (docids run newest first)
    const newest = casesOf(docids.slice(0, NEWEST_MATCHES), scope, limit);
    if (newest.length >= limit) return newest;
    const from = docids[NEWEST_MATCHES - 1];
    // the newest 4,000 did not fill the page: keep streaming the text's matches
    const where = scope.sql.length === 0 ? '' : ` AND ${scope.sql.join(' AND ')}`;
    const sql =
      `SELECT ${CASE_ROW_COLUMNS} FROM case_fts CROSS JOIN cases ON cases.search_docid = case_fts.rowid ` +
      `WHERE case_fts MATCH ? AND case_fts.rowid > ?${where} ORDER BY case_fts.rowid LIMIT ?`;
    return [...newest, ...(statement(sql).all(words, docidParam(from), ...scope.params, limit - newest.length) as ListTableRow[])];
  }

  return {
    /** `citizenCaseIds`: what the server's audited lookup found for a CPR or phone number typed */
    search(request: SearchRequest, ctx: ViewContext, citizenCaseIds: readonly string[] = []): CaseRow[] {
      const scope = combine(viewClause(request.view, ctx), filterClause(request.filter));
      const found = new Map<string, ListTableRow>();
      const byCitizen: Clause[] = citizenCaseIds.length === 0 ? [] : [{ sql: ['id IN (SELECT value FROM json_each(?))'], params: [JSON.stringify(citizenCaseIds)] }];

      for (const lookup of [...byCitizen, ...exactLookups(request.query)]) {
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
