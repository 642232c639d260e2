// One line of the list: dense, two text lines, everything an agent triages by. Plain elements
// and CSS classes, no Mantine components: a j/k re-renders two rows and a scroll mounts a
// dozen, and each Mantine Text/Badge/Group cost a props-and-styles pass of its own (the j/k
// paint budget is one frame).
import i18next from 'i18next';
import { memo } from 'react';
import type { CaseRow } from '../../../shared/desk-api';
import { isOpenStatus } from '../../../shared/domain';
import type { Language } from '../../../shared/domain';
import { isolate } from '../format/bidi';
import { formatRelative } from '../format/time';
import { useInbox } from '../state/inbox';
import { leadingViewer, usePresence } from '../state/presence';
import { staffName, useSession } from '../state/session';

type Props = {
  row: CaseRow;
  index: number;
  assigneeName: string | null;
  /** the agency the case is at, for staff who see every agency (the call centre); null otherwise */
  agencyName: string | null;
  /** the UI language: a switch re-renders the memoised row, so `i18next.t` reads the new one */
  language: Language;
  now: number;
  /** a plain click selects; Shift extends the checked range to here, Ctrl/Cmd toggles the row */
  onSelect: (index: number, how: 'select' | 'range' | 'toggle') => void;
};

// Each row reads its own selected and checked state: a j/k re-renders the two rows whose
// answer changed, not the list.
export const CaseRowView = memo(function CaseRowView({ row, index, assigneeName, agencyName, language, now, onSelect }: Props) {
  const t = i18next.t;
  const selected = useInbox((s) => s.selectedIndex === index);
  const checked = useInbox((s) => s.allInView || s.checked.has(row.id));
  const presence = leadingViewer(usePresence((s) => s.byCase.get(row.id)));
  const viewerName = presence === null ? '' : (staffName(useSession.getState().reference, presence.viewer.staffId, language) ?? presence.viewer.displayName);
  const due = isOpenStatus(row.status) ? row.firstResponseDueAt : null;
  const overdue = due !== null && due < now;
  const unread = row.status === 'new' || row.status === 'reopened';
  return (
    <div
      role="option"
      id={`case-row-${row.id}`}
      className="case-row"
      data-testid="case-row"
      data-case-id={row.id}
      data-checked={checked || undefined}
      aria-selected={selected}
      onMouseDown={(e) => {
        e.preventDefault(); // keep the focus on the list so j/k keep working
        onSelect(index, e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'select');
      }}
    >
      <span className={`priority-bar priority-${row.priority}`} aria-hidden />
      <span className="row-check" aria-hidden>{checked ? '✓' : ''}</span>
      <div className="row-body">
        <div className="row-line">
          <span className={unread ? 'row-subject row-unread' : 'row-subject'} lang={row.language} dir="auto">
            {row.subject}
          </span>
          {due !== null && (
            <span className={overdue ? 'row-due row-overdue' : 'row-due'}>{formatRelative(due, now, language)}</span>
          )}
        </div>
        <div className="row-line row-meta">
          <span className="row-ref" dir="ltr">{row.ref}</span>
          <span className="row-citizen" dir="auto">{row.citizenName}</span>
          {agencyName !== null && (
            <span className="row-agency" data-testid="row-agency" data-agency-id={row.agencyId} title={agencyName}>
              {agencyName}
            </span>
          )}
          <span className="row-badge row-status">{t(`status.${row.status}`)}</span>
          {row.priority !== 'normal' && (
            <span className={`row-badge row-badge-${row.priority}`}>{t(`priority.${row.priority}`)}</span>
          )}
          {row.escalated && <span className="row-badge row-badge-escalated">{t('list.escalated')}</span>}
          {presence !== null && (
            <span
              className={`row-presence row-presence-${presence.viewer.state}`}
              data-testid="row-presence"
              title={t(presence.viewer.state === 'replying' ? 'case.replying' : 'case.viewing', { name: isolate(viewerName) })}
            >
              {t(presence.viewer.state === 'replying' ? 'list.replying' : 'list.viewing', { name: isolate(viewerName.split(' ')[0] ?? '') })}
              {presence.others > 0 && ` ${t('list.andOthers', { n: presence.others })}`}
            </span>
          )}
          <span className="row-assignee">
            {row.pending ? t('list.pending') : (assigneeName ?? t('list.unassigned'))}
          </span>
        </div>
      </div>
    </div>
  );
});

export function PlaceholderRow({ index }: { index: number }) {
  return (
    <div className="case-row case-row-placeholder" role="option" aria-selected={false} aria-busy data-index={index}>
      <span className="row-placeholder-text">{i18next.t('list.loadingRow')}</span>
    </div>
  );
}
