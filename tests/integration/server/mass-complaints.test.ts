// Mass complaints on both back ends: near-identical complaints filed through the intake API
// group in the transaction that files them (whatever Arabic spelling each citizen used), an
// unrelated complaint, a suggestion or another agency's complaint do not; a supervisor lists
// the groups, answers one group from a template in one mutation, and links another to a master
// case whose final answer reaches every open member, audited as from the master; an agent is
// refused all of it and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../../shared/domain';
import { serverRequests } from '../../../shared/protocol';
import { rowToCase } from '../../../server/store/rows';
import { BACKENDS, mutationId, request, startTestServer, valueOf } from './harness';
import type { DeskClient, TestServer } from './harness';

const WATER = {
  subject: 'انقطاع المياه في مدينة عيسى',
  body: 'انقطعت المياه عن منازل مدينة عيسى مجمع 815 منذ فجر اليوم ولا توجد أي مياه في الخزانات.',
};
const WATER_VARIANTS = [
  WATER,
  { subject: 'إنقطاع المياة في مدينه عيسي', body: 'السلام عليكم، إنقطعت المِياه عن منازل مدينة عيسى مجمع ٨١٥ منذ فجر اليوم ولا توجد مياه في الخزانات.' },
  { subject: 'انقطـــاع المياه - مدينة عيسى', body: 'انقطعت المياه عن منازل مدينة عيسى مجمع 815 منذ فجر اليوم ولا توجد أي مياه في الخزانات نرجو الإسراع.' },
];
const PORTAL = {
  subject: 'eGovernment portal payment page not working',
  body: 'The payment page of the eGovernment portal shows an error and the fee payment fails every time I try.',
};

describe.each(BACKENDS)('mass complaints on $name', (backend) => {
  let t: TestServer;
  let supervisor: DeskClient;
  let agent: DeskClient;

  beforeAll(async () => {
    t = await startTestServer(backend, { seed: { cases: 0, password: 'tawasul-demo' } });
    supervisor = (await t.desk('ewa.supervisor')).socket;
    agent = (await t.desk('ewa.agent1')).socket;
  });
  afterAll(async () => {
    await t.stop();
  });

  async function caseById(id: string): Promise<Case> {
    return rowToCase(await t.server.store.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  }

  async function file(text: { subject: string; body: string }, options: { agencyId?: string; kind?: string; language?: 'ar' | 'en'; name?: string } = {}): Promise<Case> {
    const language = options.language ?? 'ar';
    const response = await fetch(`${t.url}/api/intake/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel-key': 'demo-app-key' },
      body: JSON.stringify({
        kind: options.kind ?? 'complaint',
        agencyId: options.agencyId ?? 'ewa',
        citizen: { name: options.name ?? (language === 'ar' ? 'زينب الموسوي' : 'Zainab Al-Mousawi'), language },
        ...text,
        language,
      }),
    });
    expect(response.status).toBe(201);
    return caseById(((await response.json()) as { id: string }).id);
  }

  async function groups(socket: DeskClient = supervisor) {
    return serverRequests['massGroups.list'].result.parse(valueOf(await request(socket, 'massGroups.list', {}))).groups;
  }

  async function lastReply(caseId: string) {
    return t.server.store.db
      .selectFrom('messages')
      .select(['body', 'meta', 'author'])
      .where('case_id', '=', caseId)
      .where('kind', '=', 'reply')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  let water: Case[] = [];

  it('groups near-identical complaints as they arrive, whatever the spelling, in the transaction that files them', async () => {
    const first = await file(WATER_VARIANTS[0] ?? WATER);
    expect(first.massGroupId).toBeNull();
    expect(await groups()).toEqual([]);

    const second = await file(WATER_VARIANTS[1] ?? WATER);
    // the new case arrives grouped; the earlier one joined the group in the same commit
    expect(second.massGroupId).not.toBeNull();
    const firstNow = await caseById(first.id);
    expect(firstNow.massGroupId).toBe(second.massGroupId);
    expect(firstNow.version).toBe(first.version + 1);
    const feed = await t.server.store.db.selectFrom('changes').select('payload').where('agency_id', '=', 'ewa').orderBy('seq', 'desc').limit(4).execute();
    expect(feed.some((row) => row.payload.includes(first.id) && row.payload.includes(second.massGroupId ?? '?'))).toBe(true);

    const third = await file(WATER_VARIANTS[2] ?? WATER);
    expect(third.massGroupId).toBe(second.massGroupId);
    water = [firstNow, second, await caseById(third.id)];

    const listed = await groups();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: second.massGroupId, agencyId: 'ewa', subject: WATER.subject, memberCount: 3, openCount: 3, masterCaseId: null, firstFiledAt: first.createdAt });
    const audit = await t.server.store.db.selectFrom('audit').select(['case_id', 'staff_id']).where('action', '=', 'mass.group').execute();
    expect(new Set(audit.map((a) => a.case_id))).toEqual(new Set(water.map((c) => c.id)));
  });

  it('leaves apart an unrelated complaint, a suggestion with the same words, and another agency’s complaint', async () => {
    const other = await file({ subject: 'إنارة الشارع معطلة في مدينة عيسى', body: 'أعمدة الإنارة في شارع مجمع 815 بمدينة عيسى مطفأة منذ أسبوع والطريق مظلم ليلًا.' });
    const suggestion = await file(WATER, { kind: 'suggestion' });
    const elsewhere = await file(WATER, { agencyId: 'housing' });
    expect([other.massGroupId, suggestion.massGroupId, elsewhere.massGroupId]).toEqual([null, null, null]);
    expect((await groups()).map((g) => g.memberCount)).toEqual([3]);
  });

  it('refuses an agent the groups, the master link and the group reply, and writes nothing', async () => {
    expect(await request(agent, 'massGroups.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const target = water[0];
    if (target === undefined) throw new Error('the grouping test runs first');
    const before = await caseById(target.id);
    const master = await request(agent, 'mutate', { id: mutationId(), name: 'case.setMassMaster', args: { caseId: target.id } });
    expect(master).toMatchObject({ ok: false, error: { code: 'forbidden', params: { reason: 'supervisorsOnly' } } });
    const reply = await request(agent, 'mutate', { id: mutationId(), name: 'bulk.groupReply', args: { caseIds: water.map((c) => c.id), templateId: 'tpl-national-resolved-ar' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await caseById(target.id)).toEqual(before);
    const housing = (await t.desk('housing.supervisor')).socket;
    expect(await request(housing, 'massGroups.list', { agencyIds: ['ewa'] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers a whole group from a template in one mutation: cases nobody held are taken by the supervisor', async () => {
    const portal = [
      await file(PORTAL, { agencyId: 'iga', language: 'en', name: 'Ali Hasan' }),
      await file({ ...PORTAL, body: `Hello, ${PORTAL.body}` }, { agencyId: 'iga', language: 'en', name: 'Maryam Ahmed' }),
      await file({ ...PORTAL, subject: PORTAL.subject.toUpperCase() }, { agencyId: 'iga', language: 'ar', name: 'حسن علي' }),
    ];
    const groupId = (await caseById(portal[0]?.id ?? '')).massGroupId;
    expect(groupId).not.toBeNull();
    const { socket: iga } = await t.desk('iga.supervisor');
    const caseIds = portal.map((c) => c.id);
    // a case of no group is refused with the rest
    const stray = await file({ subject: 'Cannot activate my eKey', body: 'I try to activate my eKey but the verification message never arrives at all.' }, { agencyId: 'iga', language: 'en' });
    const refused = await request(iga, 'mutate', { id: mutationId(), name: 'bulk.groupReply', args: { caseIds: [...caseIds, stray.id], templateId: 'tpl-national-resolved-en' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_in_mass_group', params: { caseId: stray.id } } });

    valueOf(await request(iga, 'mutate', { id: mutationId(), name: 'bulk.groupReply', args: { caseIds, templateId: 'tpl-national-resolved-en' } }));
    for (const c of portal) {
      const after = await caseById(c.id);
      expect(after).toMatchObject({ status: 'answered', assigneeId: 'stf-iga.supervisor' });
      const reply = await lastReply(c.id);
      expect(reply?.body).toContain(c.ref);
      // each in its citizen's language, with the citizen's name
      expect(reply?.body.startsWith(c.citizen.language === 'ar' ? 'عزيزي' : 'Dear')).toBe(true);
      expect(reply?.body).toContain(c.citizen.name);
    }
    const listed = serverRequests['massGroups.list'].result.parse(valueOf(await request(iga, 'massGroups.list', { includeAnswered: true }))).groups;
    expect(listed.find((g) => g.id === groupId)).toMatchObject({ memberCount: 3, openCount: 0 });
    expect(serverRequests['massGroups.list'].result.parse(valueOf(await request(iga, 'massGroups.list', {}))).groups.find((g) => g.id === groupId)).toBeUndefined();
  });

  it('a master case’s final answer reaches every open member in the same transaction, audited as from the master', async () => {
    const [master, ...members] = water;
    if (master === undefined) throw new Error('the grouping test runs first');
    // one member already answered by hand keeps its own answer
    const late = await file(WATER_VARIANTS[1] ?? WATER);
    expect(late.massGroupId).toBe(master.massGroupId);
    valueOf(await request(supervisor, 'mutate', { id: mutationId(), name: 'case.setMassMaster', args: { caseId: master.id } }));
    expect((await groups()).find((g) => g.id === master.massGroupId)).toMatchObject({ masterCaseId: master.id, masterRef: master.ref, memberCount: 4, openCount: 4 });
    const event = await t.server.store.db.selectFrom('messages').select('body').where('case_id', '=', master.id).where('kind', '=', 'event').orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event.body).toBe('mass_master_set');

    valueOf(await request(supervisor, 'mutate', { id: mutationId(), name: 'case.take', args: { caseId: master.id } }));
    const answer = 'عادت المياه إلى مدينة عيسى مجمع 815 بعد إصلاح الخط الرئيسي. نعتذر عن الإزعاج.';
    valueOf(await request(supervisor, 'mutate', { id: mutationId(), name: 'case.reply', args: { caseId: master.id, body: answer, final: true } }));

    expect((await caseById(master.id)).status).toBe('answered');
    for (const c of [...members, late]) {
      const after = await caseById(c.id);
      expect(after).toMatchObject({ status: 'answered', assigneeId: 'stf-ewa.supervisor' });
      const reply = await lastReply(c.id);
      expect(reply).toMatchObject({ body: answer, author: 'stf-ewa.supervisor' });
      expect(JSON.parse(reply?.meta ?? '{}')).toEqual({ masterRef: master.ref });
    }
    const audit = await t.server.store.db.selectFrom('audit').select(['case_id', 'staff_id', 'detail']).where('action', '=', 'mass.masterReply').execute();
    expect(new Set(audit.map((a) => a.case_id))).toEqual(new Set([...members, late].map((c) => c.id)));
    expect(audit.every((a) => a.staff_id === 'stf-ewa.supervisor' && (JSON.parse(a.detail ?? '{}') as { masterCaseId?: string }).masterCaseId === master.id)).toBe(true);
    expect((await groups()).find((g) => g.id === master.massGroupId)).toBeUndefined();
  });

  it('groups complaints filed at the same moment together (PostgreSQL: one agency’s grouping at a time)', async () => {
    const text = { subject: 'Flooded underpass on Sheikh Khalifa highway', body: 'The underpass near Isa Town gate is flooded after the rain and cars are stuck inside it.' };
    const filed = await Promise.all(Array.from({ length: 6 }, (_, i) => file(text, { agencyId: 'works', language: 'en', name: `Citizen ${i}` })));
    const now = await Promise.all(filed.map((c) => caseById(c.id)));
    const ids = new Set(now.map((c) => c.massGroupId));
    expect(ids.size).toBe(1);
    expect([...ids][0]).not.toBeNull();
    const { socket } = await t.desk('works.supervisor');
    const listed = serverRequests['massGroups.list'].result.parse(valueOf(await request(socket, 'massGroups.list', {}))).groups;
    expect(listed).toHaveLength(1);
    expect(listed[0]?.memberCount).toBe(6);
  });
});
