// Scope tokens: each case's search row also carries one synthetic token per field a view or
// filter selects on (assignee, status, open, escalated, kind, priority, agency, tags). A
// search within a view then ANDs those tokens into the MATCH, so FTS5 intersects doclists
// (cheap, with skipping) instead of the desk walking every match of a common word to find
// the few in "mine" (measured: ~100 ms → ~1 ms on 100k cases).
import type { CaseFilter, ViewId } from '../../../shared/desk-api';

export type ScopeFields = {
  assignee_id: string | null;
  status: string;
  is_open: number;
  escalated: number;
  kind: string;
  priority: string;
  agency_id: string;
  tags_key: string;
};

/** FNV-1a, hex: field values (staff ids hold '-' and '.') become one tokenizer-safe token. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function scopeToken(field: string, value: string): string {
  return `zq${field}${hash(value)}`;
}

export function scopeTokensOf(f: ScopeFields): string {
  const tokens = [
    scopeToken('a', f.assignee_id ?? ''),
    scopeToken('s', f.status),
    scopeToken('o', String(f.is_open)),
    scopeToken('e', String(f.escalated)),
    scopeToken('k', f.kind),
    scopeToken('p', f.priority),
    scopeToken('g', f.agency_id),
  ];
  for (const tag of f.tags_key.split('|')) if (tag !== '') tokens.push(scopeToken('t', tag));
  return tokens.join(' ');
}

/** Tokens every case of the view carries (a superset test: the SQL scope still applies). */
export function scopeTokensFor(view: ViewId, filter: CaseFilter, selfId: string): string[] {
  const open = scopeToken('o', '1');
  const tokens: string[] = [];
  switch (view) {
    case 'mine':
      tokens.push(scopeToken('a', selfId), open);
      break;
    case 'unassigned':
      tokens.push(scopeToken('a', ''), open);
      break;
    case 'escalated':
      tokens.push(scopeToken('e', '1'), open);
      break;
    case 'reopened':
    case 'awaiting_citizen':
    case 'answered':
    case 'closed':
      tokens.push(scopeToken('s', view));
      break;
    case 'inbox':
    case 'team':
    case 'overdue':
    case 'due_today':
      tokens.push(open);
      break;
    case 'all':
      break;
  }
  if (filter.kind !== undefined) tokens.push(scopeToken('k', filter.kind));
  if (filter.status !== undefined) tokens.push(scopeToken('s', filter.status));
  if (filter.priority !== undefined) tokens.push(scopeToken('p', filter.priority));
  if (filter.assigneeId !== undefined) tokens.push(scopeToken('a', filter.assigneeId));
  if (filter.agencyId !== undefined) tokens.push(scopeToken('g', filter.agencyId));
  if (filter.tag !== undefined) tokens.push(scopeToken('t', filter.tag));
  return tokens;
}
