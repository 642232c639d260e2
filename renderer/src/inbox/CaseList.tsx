// The virtualised list. It renders only the rows on screen and asks the pager for the pages
// around them, a page ahead of where the agent is scrolling or moving with j/k.
import { Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { DOM_IDS } from '../ui/focus';
import { currentLanguage } from '../i18n';
import { isolate } from '../format/bidi';
import { agencyNameById } from '../format/names';
import { formatNumber } from '../format/time';
import { checkRangeTo, listLength, rowAt, select, syncSelection, toggleCheckedAt, useInbox } from '../state/inbox';
import { staffName, useSession } from '../state/session';
import { CaseRowView, PlaceholderRow } from './CaseRowView';
import { scrollToReveal } from './reveal';
import { useNow } from '../hooks/use-now';

const ROW_HEIGHT = 58;

function onRowClick(index: number, how: 'select' | 'range' | 'toggle'): void {
  if (how === 'range') void checkRangeTo(index);
  else if (how === 'toggle') toggleCheckedAt(index);
  else select(index);
}

/** What the list shows besides the rows: search, filter, how many are checked. */
function ListBanner({ count }: { count: number }) {
  const { t } = useTranslation();
  const query = useInbox((s) => s.query);
  const searching = useInbox((s) => s.results !== null);
  const noResults = useInbox((s) => s.results?.length === 0);
  const checkedCount = useInbox((s) => s.checked.size);
  const allInView = useInbox((s) => s.allInView);
  const filterLabel = useInbox((s) => s.filterLabel);
  const ofGroup = useInbox((s) => s.filter.massGroupId !== undefined);
  const language = currentLanguage();
  if (!searching && !allInView && checkedCount === 0 && filterLabel === null) return null;
  return (
    <div className="list-banner">
      {filterLabel !== null && !searching && <Text size="xs" data-testid="list-filter">{t(ofGroup ? 'list.casesOfGroup' : 'list.casesOf', { name: isolate(filterLabel) })}</Text>}
      {searching && <Text size="xs" c="dimmed" data-testid="search-banner" data-empty={noResults || undefined}>{noResults ? t('list.searchEmpty', { query: isolate(query) }) : t('list.searchResults', { query: isolate(query) })}</Text>}
      {allInView && <Text size="xs" fw={600}>{t('list.allInView', { n: formatNumber(count, language) })}</Text>}
      {!allInView && checkedCount > 0 && <Text size="xs" fw={600} data-testid="checked-count">{t('list.selectedCount', { n: formatNumber(checkedCount, language) })}</Text>}
    </div>
  );
}

export function CaseList() {
  const { t } = useTranslation();
  const pager = useInbox((s) => s.pager);
  const results = useInbox((s) => s.results);
  const reference = useSession((s) => s.reference);
  const language = currentLanguage();
  // Staff of every agency (the call centre, admins) find a caller's cases at many agencies:
  // each row says which one it is at.
  const acrossAgencies = reference !== null && reference.self.agencyId === null;
  // minute resolution: the memoised rows redraw when a due time crosses a minute, not on every render
  const now = useNow(60_000);
  useSyncExternalStore(
    useCallback((listener) => pager.subscribe(listener), [pager]),
    () => pager.version,
  );
  const state = useInbox.getState();
  const count = listLength({ ...state, pager, results });
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual hands out new functions each render; nothing here memoises them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // The window of rows follows a scroll in React's own time, not synchronously inside the
    // scroll event: the overscan already covers what the keypress's frame shows.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (results !== null) return;
    // read a page beyond the last visible row so reaching the end never waits
    void pager.ensureRange(first, last + pager.pageSize / 2).then(syncSelection);
  }, [pager, results, first, last]);

  // The selection moves outside React's render: the list itself does not re-render per j/k.
  // It scrolls only when the selected row left the view, from the offset and height the
  // virtualizer already knows (reading them from the element would force a layout).
  useEffect(() => {
    const follow = (index: number, caseId: string | null) => {
      const element = scrollRef.current;
      if (element === null) return;
      if (caseId === null) element.removeAttribute('aria-activedescendant');
      else element.setAttribute('aria-activedescendant', `case-row-${caseId}`);
      const target = scrollToReveal(index, ROW_HEIGHT, virtualizer.scrollOffset ?? 0, virtualizer.scrollRect?.height ?? element.clientHeight);
      // a plain write: the virtualizer's own scrollTo runs a reconcile loop that reads the element back each frame
      if (target !== null) element.scrollTop = target;
    };
    const initial = useInbox.getState();
    follow(initial.selectedIndex, initial.selectedId);
    return useInbox.subscribe((s, previous) => {
      if (s.selectedIndex !== previous.selectedIndex || s.selectedId !== previous.selectedId) follow(s.selectedIndex, s.selectedId);
    });
  }, [virtualizer]);

  const empty = pager.loaded && count === 0 && results === null;
  return (
    <div className="case-list-wrap">
      <ListBanner count={count} />
      <div
        id={DOM_IDS.list}
        ref={scrollRef}
        className="case-list"
        data-testid="case-list"
        role="listbox"
        aria-label={t('list.label')}
        aria-multiselectable
        tabIndex={0}
        onFocus={() => useInbox.setState({ focus: 'list' })}
      >
        {empty && <Text c="dimmed" ta="center" p="xl">{t('list.empty')}</Text>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rowAt({ ...state, pager, results }, item.index);
            return (
              <div key={item.key} className="case-row-slot" style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
                {row === undefined ? (
                  <PlaceholderRow index={item.index} />
                ) : (
                  <CaseRowView
                    row={row}
                    index={item.index}
                    assigneeName={staffName(reference, row.assigneeId, language)}
                    agencyName={acrossAgencies ? agencyNameById(reference.agencies, row.agencyId, language) : null}
                    language={language}
                    now={now}
                    onSelect={onRowClick}
                  />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
