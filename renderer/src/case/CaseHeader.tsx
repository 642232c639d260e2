// The facts of a case at a glance: who, what, where it stands, and when it is due.
import { Badge, Group, Kbd, Text, Title, Tooltip } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Viewer } from '../../../shared/desk-api';
import type { Case } from '../../../shared/domain';
import { isOpenStatus } from '../../../shared/domain';
import { isolate } from '../format/bidi';
import { maskCpr } from '../format/identity';
import { agencyName } from '../format/names';
import type { Names } from '../format/event-text';
import { formatDateTime, formatRelative } from '../format/time';
import { useNow } from '../hooks/use-now';
import { mayUseMass, refreshMassSoon, useMass } from '../state/mass';
import { useSession } from '../state/session';

function Due({ label, at, open, names, now }: { label: string; at: number; open: boolean; names: Names; now: number }) {
  const { t } = useTranslation();
  const overdue = open && at < now;
  return (
    <div className="fact">
      <Text size="xs" c="dimmed">{label}</Text>
      <Tooltip label={formatDateTime(at, names.language, 'long')}>
        <Text size="sm" c={overdue ? 'red' : undefined} fw={overdue ? 600 : 400} data-overdue={overdue || undefined}>
          {formatRelative(at, now, names.language)}
          {overdue ? ` · ${t('case.overdue')}` : ''}
        </Text>
      </Tooltip>
    </div>
  );
}

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="fact" data-testid={testId}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" component="div">{children}</Text>
    </div>
  );
}

/** A member of a mass-complaint group says so, with the key to its group (g c) for supervisors. */
function MassMembership({ caseId, groupId }: { caseId: string; groupId: string }) {
  const { t } = useTranslation();
  const group = useMass((s) => s.groups.find((g) => g.id === groupId));
  const supervisor = useSession((s) => mayUseMass(s.staff));
  useEffect(() => {
    // a group formed since the screen last loaded: fetch it once, so the count shows
    if (supervisor && group === undefined) refreshMassSoon();
  }, [supervisor, group]);
  const master = group?.masterCaseId === caseId;
  return (
    <Text size="xs" className="case-mass" data-testid="case-mass" data-group-id={groupId} data-members={group?.memberCount} data-master={master || undefined}>
      {group === undefined ? t('mass.memberOfSome') : t('mass.memberOf', { n: group.memberCount })}
      {master && ` · ${t('mass.isMaster')}`}
      {supervisor && (
        <>
          {' · '}
          <Kbd size="xs">G</Kbd> <Kbd size="xs">C</Kbd> {t('mass.showGroup')}
        </>
      )}
    </Text>
  );
}

/** A suggestion's outcome as a line of the facts, with a decline's reason (from the thread's event). */
function OutcomeFact({ value, reason }: { value: Case; reason: string | null }) {
  const { t } = useTranslation();
  // the kind badge's colours, and the escalation badge's for a decline: both are checked by axe at AA
  const declined = value.outcome === 'declined';
  return (
    <div className="fact outcome-fact" data-testid="case-outcome" data-outcome={value.outcome ?? 'none'}>
      <Text size="xs" c="dimmed" id="case-outcome-label">{t('case.outcome')}</Text>
      <Group gap={6} wrap="nowrap" aria-labelledby="case-outcome-label" role="group">
        <Badge size="sm" radius="sm" variant={declined ? 'filled' : 'light'} color={declined ? 'red' : undefined}>{value.outcome === null ? t('outcomeDialog.none') : t(`outcome.${value.outcome}`)}</Badge>
        {value.outcome === 'declined' && reason !== null && (
          <Text size="sm" dir="auto" data-testid="case-outcome-reason">{t('case.outcomeReason', { reason })}</Text>
        )}
      </Group>
    </div>
  );
}

export function CaseHeader({ value, names, viewers, selfId, outcomeReason = null }: { value: Case; names: Names; viewers: readonly Viewer[]; selfId: string; outcomeReason?: string | null }) {
  const { t } = useTranslation();
  const now = useNow();
  const open = isOpenStatus(value.status);
  const agency = names.agency(value.agencyId);
  const agencyLabel = (id: string) => {
    const known = names.agency(id);
    return known === undefined ? id : agencyName(known, names.language);
  };
  const others = viewers.filter((v) => v.staffId !== selfId);
  return (
    <header className="case-header">
      <Group gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed" dir="ltr" data-testid="case-ref">{value.ref}</Text>
        <Badge size="sm" variant="light" radius="sm">{t(`kind.${value.kind}`)}</Badge>
        <Badge size="sm" variant="outline" radius="sm" color="gray" data-testid="case-status" data-status={value.status}>{t(`status.${value.status}`)}</Badge>
        {value.priority !== 'normal' && (
          <Badge size="sm" radius="sm" color={value.priority === 'urgent' ? 'red' : 'orange'} data-testid="case-priority">{t(`priority.${value.priority}`)}</Badge>
        )}
        {value.escalated && <Badge size="sm" radius="sm" color="red" variant="filled">{t('list.escalated')}</Badge>}
        {value.reopenCount > 0 && <Text size="xs" c="orange">{t('case.reopenCount', { n: value.reopenCount })}</Text>}
        {others.length > 0 && (
          <Group gap={4} ms="auto" data-testid="case-viewers" wrap="nowrap">
            {others.map((v) => (
              <Badge key={v.staffId} size="sm" variant="dot" color={v.state === 'replying' ? 'orange' : 'teal'}>
                {t(v.state === 'replying' ? 'case.replying' : 'case.viewing', { name: isolate(names.staff(v.staffId) ?? v.displayName) })}
              </Badge>
            ))}
          </Group>
        )}
      </Group>
      <Title order={4} className="case-subject" data-testid="case-subject" dir="auto">{value.subject}</Title>
      <div className="facts">
        <Fact label={t('case.citizen')} testId="case-citizen">
          <span dir="auto" data-testid="case-citizen-name">{value.citizen.name}</span>
          {value.citizen.cpr !== undefined && (
            <Text span size="xs" c="dimmed" ms={6} data-testid="case-cpr">
              <bdi dir="ltr">{maskCpr(value.citizen.cpr)}</bdi>
            </Text>
          )}
        </Fact>
        {value.citizen.phone !== undefined && <Fact label={t('case.phone')}><span dir="ltr">{value.citizen.phone}</span></Fact>}
        <Fact label={t('case.assignee')} testId="case-assignee">{value.assigneeId === null ? t('list.unassigned') : (names.staff(value.assigneeId) ?? t('thread.unknownStaff'))}</Fact>
        <Fact label={t('case.agency')} testId="case-agency">{agency === undefined ? value.agencyId : agencyName(agency, names.language)}</Fact>
        <Fact label={t('case.channel')}>{t(`channel.${value.channel}`)}</Fact>
        {value.firstRespondedAt === null && <Due label={t('case.firstResponseDue')} at={value.firstResponseDueAt} open={open} names={names} now={now} />}
        <Due label={t('case.resolutionDue')} at={value.resolutionDueAt} open={open} names={names} now={now} />
        {value.kind === 'suggestion' && <OutcomeFact value={value} reason={outcomeReason} />}
        <Fact label={t('case.tags')} testId="case-tags">{value.tags.length === 0 ? <Text span c="dimmed" size="sm">{t('case.noTags')}</Text> : value.tags.join(names.language === 'ar' ? '، ' : ', ')}</Fact>
      </div>
      {value.massGroupId !== null && <MassMembership caseId={value.id} groupId={value.massGroupId} />}
      {value.transferredFrom !== null && (
        <Text size="xs" c="dimmed">{t('case.transferredFrom', { agency: isolate(agencyLabel(value.transferredFrom)) })}</Text>
      )}
    </header>
  );
}
