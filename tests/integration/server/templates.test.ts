// Managing reply templates over Socket.IO on both back ends: a supervisor saves and archives
// their agency's pairs, desks of that agency are told `reference.changed` and see the change in
// `sync.reference`; other agencies, agents, the call centre and national templates (for a
// supervisor) are refused with nothing written; bad placeholders and taken codes are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateSaveRequest } from '../../../shared/protocol';
import { serverRequests } from '../../../shared/protocol';
import { BACKENDS, request, startTestServer, valueOf } from './harness';
import type { DeskClient, TestServer } from './harness';

const AR = { title: 'موعد الزيارة', body: 'عزيزي {{citizen.name}}، سيزوركم فريق {{agency.name}} بخصوص الطلب {{case.ref}}.' };
const EN = { title: 'Visit scheduled', body: 'Dear {{citizen.name}}, a {{agency.name}} team will visit about {{case.ref}}.' };

function pairOf(code: string, extra: Partial<TemplateSaveRequest> = {}): TemplateSaveRequest {
  return { agencyId: 'housing', code, previousCode: null, kinds: ['complaint'], ar: AR, en: EN, ...extra };
}

/** resolves with true when `reference.changed` arrives within `ms`, false otherwise */
function referenceChanged(socket: DeskClient, ms = 1_500): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.off('reference.changed', done);
      resolve(false);
    }, ms);
    const done = () => {
      clearTimeout(timer);
      resolve(true);
    };
    socket.once('reference.changed', done);
  });
}

describe.each(BACKENDS)('reply template management on $name', (backend) => {
  let t: TestServer;
  let supervisor: DeskClient;
  let agent: DeskClient;
  let otherSupervisor: DeskClient;
  let healthAgent: DeskClient;
  let callCentre: DeskClient;
  let admin: DeskClient;

  beforeAll(async () => {
    t = await startTestServer(backend, { seed: { cases: 0, password: 'tawasul-demo' } });
    supervisor = (await t.desk('housing.supervisor')).socket;
    agent = (await t.desk('housing.agent1')).socket;
    otherSupervisor = (await t.desk('health.supervisor')).socket;
    healthAgent = (await t.desk('health.agent1')).socket;
    callCentre = (await t.desk('callcentre.agent1')).socket;
    admin = (await t.desk('admin')).socket;
  });
  afterAll(async () => {
    await t.stop();
  });

  const templatesOf = async (socket: DeskClient) => valueOf(await request(socket, 'sync.reference', {})).templates;
  const rowsWithCode = (code: string) => t.server.store.db.selectFrom('templates').selectAll().where('code', '=', code).execute();
  const audits = (action: string) => t.server.store.db.selectFrom('audit').selectAll().where('action', '=', action).execute();

  it('a supervisor saves a pair: desks of the agency are told and see both halves, another agency is not told', async () => {
    const agentTold = referenceChanged(agent);
    const healthTold = referenceChanged(healthAgent, 800);
    const ack = await request(supervisor, 'templates.save', pairOf('visit-notice'));
    const pair = serverRequests['templates.save'].result.parse(valueOf(ack));
    expect(pair.templates.map((x) => [x.language, x.title, x.agencyId, x.kinds])).toEqual([
      ['ar', AR.title, 'housing', ['complaint']],
      ['en', EN.title, 'housing', ['complaint']],
    ]);
    expect(await agentTold).toBe(true);
    expect(await healthTold).toBe(false);
    const seen = (await templatesOf(agent)).filter((x) => x.code === 'visit-notice');
    expect(seen.map((x) => x.body)).toEqual([AR.body, EN.body]);
    expect(await templatesOf(healthAgent)).not.toContainEqual(expect.objectContaining({ code: 'visit-notice' }));
    const [audit] = await audits('templates.save');
    expect(audit).toMatchObject({ staff_id: 'stf-housing.supervisor', client: 'desk', case_id: null });
    expect(JSON.parse(audit?.detail ?? '{}')).toMatchObject({ agencyId: 'housing', code: 'visit-notice', created: true, languages: ['ar', 'en'] });
  });

  it('updating keeps the ids and usage, a rename moves the pair, and a half sent as null leaves the desks', async () => {
    const before = (await templatesOf(agent)).filter((x) => x.code === 'visit-notice');
    const renamed = valueOf(
      await request(supervisor, 'templates.save', pairOf('visit-booked', { previousCode: 'visit-notice', kinds: ['complaint', 'enquiry'], en: null, ar: { ...AR, title: 'تم حجز الزيارة' } })),
    );
    expect(renamed.templates).toHaveLength(1);
    expect(renamed.templates[0]).toMatchObject({ id: before.find((x) => x.language === 'ar')?.id, code: 'visit-booked', title: 'تم حجز الزيارة', kinds: ['complaint', 'enquiry'] });
    const seen = await templatesOf(agent);
    expect(seen.filter((x) => x.code === 'visit-notice')).toEqual([]);
    expect(seen.filter((x) => x.code === 'visit-booked').map((x) => x.language)).toEqual(['ar']);
    // the English half is archived, not deleted: a bulk reply waiting in an outbox names its id
    expect((await rowsWithCode('visit-booked')).map((r) => [r.language, r.archived])).toEqual(
      expect.arrayContaining([['ar', 0], ['en', 1]]),
    );
  });

  it('a code already used by the agency or by a national pair is refused', async () => {
    const taken = await request(supervisor, 'templates.save', pairOf('visit-booked'));
    expect(taken).toMatchObject({ ok: false, error: { code: 'code_taken', params: { code: 'visit-booked' } } });
    const national = await request(supervisor, 'templates.save', pairOf('ack'));
    expect(national).toMatchObject({ ok: false, error: { code: 'code_taken', params: { scope: 'national' } } });
  });

  it('unknown placeholders are refused with their names, and nothing is written', async () => {
    const auditsBefore = (await audits('templates.save')).length;
    const ack = await request(supervisor, 'templates.save', pairOf('bad-fields', { en: { title: 'Bad', body: 'Dear {{citizen.nmae}}, see {{case.link}} and {{case.ref}}.' } }));
    expect(ack).toMatchObject({ ok: false, error: { code: 'unknown_placeholder', params: { names: 'citizen.nmae, case.link', language: 'en' } } });
    const invalid = await request(supervisor, 'templates.save', pairOf('Bad Code!'));
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    const neither = await request(supervisor, 'templates.save', pairOf('no-halves', { ar: null, en: null }));
    expect(neither).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await rowsWithCode('bad-fields')).toEqual([]);
    expect(await rowsWithCode('no-halves')).toEqual([]);
    expect(await audits('templates.save')).toHaveLength(auditsBefore);
  });

  it('another agency, agents, the call centre, and a supervisor on national templates are refused; nothing is written', async () => {
    const auditsBefore = (await audits('templates.save')).length;
    const otherAgency = await request(otherSupervisor, 'templates.save', pairOf('intruder'));
    expect(otherAgency).toMatchObject({ ok: false, error: { code: 'forbidden', params: { agencyId: 'housing', reason: 'ownAgencyOnly' } } });
    const byAgent = await request(agent, 'templates.save', pairOf('by-agent'));
    expect(byAgent).toMatchObject({ ok: false, error: { code: 'forbidden', params: { reason: 'supervisorsOnly' } } });
    const byCallCentre = await request(callCentre, 'templates.save', pairOf('by-callcentre'));
    expect(byCallCentre).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const nationalBySupervisor = await request(supervisor, 'templates.save', pairOf('national-try', { agencyId: null }));
    expect(nationalBySupervisor).toMatchObject({ ok: false, error: { code: 'forbidden', params: { reason: 'adminsOnly' } } });
    const archiveByAgent = await request(agent, 'templates.archive', { agencyId: 'housing', code: 'visit-booked' });
    expect(archiveByAgent).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const code of ['intruder', 'by-agent', 'by-callcentre', 'national-try']) expect(await rowsWithCode(code)).toEqual([]);
    expect(await audits('templates.save')).toHaveLength(auditsBefore);
    expect(await rowsWithCode('visit-booked')).toContainEqual(expect.objectContaining({ language: 'ar', archived: 0 }));
  });

  it('a save sent twice with one mutation id is applied once: one audit row, the same pair back, claimed like any mutation', async () => {
    const mutationId = `tpl-once-${Date.now()}`;
    const auditsBefore = (await audits('templates.save')).length;
    const first = valueOf(await request(supervisor, 'templates.save', { ...pairOf('sent-twice'), mutationId }));
    const again = valueOf(await request(supervisor, 'templates.save', { ...pairOf('sent-twice'), mutationId }));
    expect(again).toEqual(first);
    expect(await rowsWithCode('sent-twice')).toHaveLength(2);
    expect(await audits('templates.save')).toHaveLength(auditsBefore + 1);
    const claimed = await t.server.store.db.selectFrom('mutations').select(['name', 'staff_id']).where('id', '=', mutationId).executeTakeFirstOrThrow();
    expect(claimed).toEqual({ name: 'templates.save', staff_id: 'stf-housing.supervisor' });
    // the id cannot be reused for another change
    const reused = await request(supervisor, 'templates.archive', { agencyId: 'housing', code: 'sent-twice', mutationId });
    expect(reused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await rowsWithCode('sent-twice')).toContainEqual(expect.objectContaining({ archived: 0 }));
  });

  it('an admin saves a national pair: every desk is told and sees it', async () => {
    const told = Promise.all([referenceChanged(agent), referenceChanged(healthAgent), referenceChanged(callCentre)]);
    valueOf(await request(admin, 'templates.save', pairOf('holiday-closure', { agencyId: null, kinds: ['complaint', 'suggestion', 'enquiry'] })));
    expect(await told).toEqual([true, true, true]);
    expect((await templatesOf(healthAgent)).filter((x) => x.code === 'holiday-closure')).toHaveLength(2);
    // and an agency code may now not repeat it
    const clash = await request(otherSupervisor, 'templates.save', pairOf('holiday-closure', { agencyId: 'health' }));
    expect(clash).toMatchObject({ ok: false, error: { code: 'code_taken', params: { scope: 'national' } } });
  });

  it('archiving a pair takes it out of the desks, is audited, and saving the code again revives the rows', async () => {
    const arId = (await templatesOf(agent)).find((x) => x.code === 'visit-booked' && x.language === 'ar')?.id;
    const told = referenceChanged(agent);
    const archived = valueOf(await request(supervisor, 'templates.archive', { agencyId: 'housing', code: 'visit-booked' }));
    expect(archived.templates).toEqual([]);
    expect(await told).toBe(true);
    expect((await templatesOf(agent)).filter((x) => x.code === 'visit-booked')).toEqual([]);
    expect(await audits('templates.archive')).toHaveLength(1);
    const again = await request(supervisor, 'templates.archive', { agencyId: 'housing', code: 'visit-booked' });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const revived = valueOf(await request(supervisor, 'templates.save', pairOf('visit-booked')));
    expect(revived.templates.find((x) => x.language === 'ar')?.id).toBe(arId);
    expect(revived.templates).toHaveLength(2);
  });
});
