// `/`: search replaces the list while the query is non-empty.
import { desk } from '../desk/client';
import { syncSelection, useInbox } from './inbox';

const SEARCH_LIMIT = 200;
let latest = 0;

export async function runSearch(query: string): Promise<void> {
  const ticket = ++latest;
  if (query.trim() === '') {
    if (useInbox.getState().results !== null) useInbox.setState({ query, results: null, selectedIndex: 0, selectedId: null });
    syncSelection();
    return;
  }
  useInbox.setState({ query });
  const { rows } = await desk()['cases.search']({ query: query.trim(), view: 'all', filter: {}, limit: SEARCH_LIMIT });
  if (ticket !== latest) return; // a newer query is on its way; this answer is stale
  useInbox.setState({ results: rows, selectedIndex: 0, selectedId: rows[0]?.id ?? null, checked: new Set(), allInView: false });
}

/** Re-runs the current search after a change (results may have moved). */
export async function refreshSearch(): Promise<void> {
  const { query, results, selectedId } = useInbox.getState();
  if (results === null || query.trim() === '') return;
  const ticket = ++latest;
  const { rows } = await desk()['cases.search']({ query: query.trim(), view: 'all', filter: {}, limit: SEARCH_LIMIT });
  if (ticket !== latest) return;
  const index = rows.findIndex((r) => r.id === selectedId);
  useInbox.setState({ results: rows, ...(index >= 0 ? { selectedIndex: index } : {}) });
}
