// The case model both sides build from: new cases due in working time by the agency's policy,
// transfers per the receiving policy, bulk commands, and a bulk reply's dates in the agency's
// calendar whatever the machine's time zone.
import { describe, expect, it } from 'vitest';
import { bulkCaseCommand, buildNewCase, defaultSlaPolicy, dueTimesAfterTransfer } from '../../../shared/case-model';
import type { SlaPolicy, Template } from '../../../shared/domain';
import { mutationArgs } from '../../../shared/mutations';
import { formatLetterDate, renderReply } from '../../../shared/templates';
import { makeCase } from './case-fixture';

const THURSDAY_EVENING = Date.UTC(2026, 10, 5, 15, 0); // 18:00 in Bahrain, after hours
const SUNDAY_0700 = Date.UTC(2026, 10, 8, 4, 0);
const THURSDAY_NEXT_1400 = Date.UTC(2026, 10, 12, 11, 0);

const createArgs = (kind: 'complaint' | 'suggestion' | 'enquiry') =>
  mutationArgs['case.create'].parse({
    caseId: 'c-new',
    kind,
    agencyId: 'housing',
    channel: 'callcentre',
    citizen: { name: 'Ali', language: 'en' },
    subject: 'Street light',
    body: '',
    language: 'en',
  });

describe('a new case', () => {
  it('is due in working time from the agency policy: filed Thursday evening, the clock starts Sunday 07:00', () => {
    const policy: SlaPolicy = { agencyId: 'housing', kind: 'complaint', acknowledgeMinutes: 60, firstResponseMinutes: 90, resolutionMinutes: 420 * 2, onTransfer: 'continue' };
    const { case: c, messages } = buildNewCase(createArgs('complaint'), { refSeq: 12, now: THURSDAY_EVENING, policy, actorId: 'stf-cc' });
    expect(c.firstResponseDueAt).toBe(SUNDAY_0700 + 90 * 60_000);
    expect(c.resolutionDueAt).toBe(Date.UTC(2026, 10, 9, 11, 0)); // Monday 14:00
    expect(c.ref).toBe('TW-2026-00000012');
    expect(c.outcome).toBeNull();
    expect(messages).toEqual([{ kind: 'event', author: 'stf-cc', body: 'created', meta: { channel: 'callcentre' } }]);
  });

  it('is a suggestion under study, on the norms when the agency has no policy', () => {
    const { case: c } = buildNewCase(createArgs('suggestion'), { refSeq: 1, now: THURSDAY_EVENING, policy: undefined, actorId: 'x' });
    expect(c.outcome).toBe('under_study');
    expect(c.firstResponseDueAt).toBe(THURSDAY_NEXT_1400); // five working days: Sunday to Thursday
  });
});

describe('a transfer', () => {
  it('restarts the clock unless the receiving policy continues it', () => {
    const carryOn: SlaPolicy = { ...defaultSlaPolicy('health', 'complaint'), onTransfer: 'continue' };
    expect(dueTimesAfterTransfer(carryOn, 'health', 'complaint', THURSDAY_EVENING)).toBeNull();
    expect(dueTimesAfterTransfer(undefined, 'health', 'complaint', THURSDAY_EVENING)?.firstResponseDueAt).toBe(THURSDAY_NEXT_1400);
  });
});

describe('bulk commands', () => {
  it('spread a bulk assign round-robin by position', () => {
    const args = mutationArgs['bulk.assign'].parse({ caseIds: ['a', 'b', 'c'], assigneeIds: ['s1', 's2'] });
    const who = [0, 1, 2].map((i) => bulkCaseCommand('bulk.assign', args, makeCase(), i, () => null));
    expect(who).toEqual([
      { type: 'assign', assigneeId: 's1' },
      { type: 'assign', assigneeId: 's2' },
      { type: 'assign', assigneeId: 's1' },
    ]);
  });

  it('render a bulk reply with due dates on the agency calendar, not the machine time zone', () => {
    // 22:30 UTC on 7 January is 01:30 on 8 January in Bahrain
    const due = Date.UTC(2026, 0, 7, 22, 30);
    const c = makeCase({ citizen: { name: 'Ali', language: 'en' }, resolutionDueAt: due });
    const template: Template = { id: 't-en', agencyId: null, code: 'due', title: 'Due', language: 'en', body: 'By {{case.resolutionDue}}', kinds: ['complaint'], usageCount: 0 };
    const args = mutationArgs['bulk.reply'].parse({ caseIds: [c.id], templateId: 't-en' });
    const command = bulkCaseCommand('bulk.reply', args, c, 0, (x) => renderReply([template], template, x, null, null));
    expect(command).toEqual({ type: 'reply', body: 'By 8 January 2026', final: true });
    expect(formatLetterDate(due, 'en')).toBe('8 January 2026');
  });
});
