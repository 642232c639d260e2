// The virtualised list. It renders only the rows on screen and asks the pager for the pages
// around them, a page ahead of where the agent is scrolling or moving with j/k.
import { Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { DOM_IDS } from '../actions/commands';
import { currentLanguage } from '../i18n';
import { formatNumber } from '../format/time';
import { listLength, rowAt, select, syncSelection, useInbox } from '../state/inbox';
import { staffName, useSession } from '../state/session';
import { CaseRowView, PlaceholderRow } from './CaseRowView';
import { useNow } from '../hooks/use-now';

const ROW_HEIGHT = 58;

export function CaseList() {
  const { t } = useTranslation();
  const pager = useInbox((s) => s.pager);
  const results = useInbox((s) => s.results);
  const query = useInbox((s) => s.query);
  const selectedIndex = useInbox((s) => s.selectedIndex);
  const selectedId = useInbox((s) => s.selectedId);
  const checked = useInbox((s) => s.checked);
  const allInView = useInbox((s) => s.allInView);
  const filterLabel = useInbox((s) => s.filterLabel);
  const reference = useSession((s) => s.reference);
  const language = currentLanguage();
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
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (results !== null) return;
    // read a page beyond the last visible row so reaching the end never waits
    void pager.ensureRange(first, last + pager.pageSize / 2).then(syncSelection);
  }, [pager, results, first, last]);

  useEffect(() => {
    if (count > 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, count, virtualizer]);

  const empty = pager.loaded && count === 0 && results === null;
  return (
    <div className="case-list-wrap">
      {(results !== null || allInView || checked.size > 0 || filterLabel !== null) && (
        <div className="list-banner">
          {filterLabel !== null && results === null && <Text size="xs" data-testid="list-filter">{t('list.casesOf', { name: filterLabel })}</Text>}
          {results !== null && <Text size="xs" c="dimmed">{results.length === 0 ? t('list.searchEmpty', { query }) : t('list.searchResults', { query })}</Text>}
          {allInView && <Text size="xs" fw={600}>{t('list.allInView', { n: formatNumber(count, language) })}</Text>}
          {!allInView && checked.size > 0 && <Text size="xs" fw={600} data-testid="checked-count">{t('list.selectedCount', { n: formatNumber(checked.size, language) })}</Text>}
        </div>
      )}
      <div
        id={DOM_IDS.list}
        ref={scrollRef}
        className="case-list"
        data-testid="case-list"
        role="listbox"
        aria-label={t('list.label')}
        aria-multiselectable
        aria-activedescendant={selectedId === null ? undefined : `case-row-${selectedId}`}
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
                    selected={item.index === selectedIndex}
                    checked={allInView || checked.has(row.id)}
                    assigneeName={staffName(reference, row.assigneeId)}
                    language={language}
                    now={now}
                    onSelect={select}
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
