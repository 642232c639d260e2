// Nothing of another agency can be probed through a mutation: a reply naming its template, a
// create reusing its case's id and an assignment to its staff are all answered `not_found`,
// exactly as an unknown id is, and nothing is written or counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, MutateResult } from '../../../shared/protocol';
import { BACKENDS, mutationId, request, startTestServer, valueOf } from './harness';
import type { DeskClient, TestServer } from './harness';

/** The refusal with the id it names taken out, to compare two refusals' wording. */
function refusalShape(ack: Ack<MutateResult>, id: string): { code: string; message: string; params: string[] } {
  if (ack.ok) throw new Error('expected a refusal');
  return { code: ack.error.code, message: ack.error.message.replaceAll(id, '<id>'), params: Object.keys(ack.error.params ?? {}) };
}

describe.each(BACKENDS)('foreign things are not found, on $name', (backend) => {
  let t: TestServer;
  let agent: DeskClient;
  let supervisor: DeskClient;

  beforeAll(async () => {
    t = await startTestServer(backend, { seed: { cases: 0, password: 'tawasul-demo' } });
    agent = (await t.desk('housing.agent1')).socket;
    supervisor = (await t.desk('housing.supervisor')).socket;
    await t.server.store.db
      .insertInto('templates')
      .values({ id: 'tpl-health-visit', agency_id: 'health', code: 'health-visit', title: 'Visit', language: 'en', body: 'A visit', kinds: '["complaint"]', usage_count: 0 })
      .execute();
  });
  afterAll(async () => {
    await t.stop();
  });

  const create = (socket: DeskClient, caseId: string, agencyId: string) =>
    request(socket, 'mutate', {
      id: mutationId(),
      name: 'case.create',
      args: { caseId, kind: 'complaint', agencyId, channel: 'walkin', citizen: { name: 'Ali', language: 'en' }, subject: 'Leak', body: 'A leak', language: 'en' },
    });

  async function housingCaseInProgress(): Promise<string> {
    const caseId = `case-${mutationId()}`;
    valueOf(await create(supervisor, caseId, 'housing'));
    valueOf(await request(agent, 'mutate', { id: mutationId(), name: 'case.take', args: { caseId } }));
    valueOf(await request(agent, 'mutate', { id: mutationId(), name: 'case.start', args: { caseId } }));
    return caseId;
  }

  it('a reply naming another agency’s template is refused not_found, with no reply written and no use counted', async () => {
    const caseId = await housingCaseInProgress();
    const ack = await request(agent, 'mutate', { id: mutationId(), name: 'case.reply', args: { caseId, body: 'Dear citizen', templateId: 'tpl-health-visit' } });
    const unknown = await request(agent, 'mutate', { id: mutationId(), name: 'case.reply', args: { caseId, body: 'Dear citizen', templateId: 'tpl-none' } });
    expect(refusalShape(ack, 'tpl-health-visit')).toEqual(refusalShape(unknown, 'tpl-none'));
    expect(refusalShape(ack, 'tpl-health-visit').code).toBe('not_found');
    const template = await t.server.store.db.selectFrom('templates').select('usage_count').where('id', '=', 'tpl-health-visit').executeTakeFirstOrThrow();
    expect(template.usage_count).toBe(0);
    const replies = await t.server.store.db.selectFrom('messages').select('id').where('case_id', '=', caseId).where('kind', '=', 'reply').execute();
    expect(replies).toHaveLength(0);
  });

  it('creating a case with the id of another agency’s case says not_found, as for a case one cannot see', async () => {
    const healthSupervisor = (await t.desk('health.supervisor')).socket;
    const foreignId = `case-${mutationId()}`;
    valueOf(await create(healthSupervisor, foreignId, 'health'));
    const ack = await create(supervisor, foreignId, 'housing');
    const seen = await request(supervisor, 'mutate', { id: mutationId(), name: 'case.note', args: { caseId: foreignId, body: 'x' } });
    expect(refusalShape(ack, foreignId)).toEqual(refusalShape(seen, foreignId));
    expect(refusalShape(ack, foreignId).code).toBe('not_found');
    const stored = await t.server.store.db.selectFrom('cases').select('agency_id').where('id', '=', foreignId).executeTakeFirstOrThrow();
    expect(stored.agency_id).toBe('health');
  });

  it('assigning to another agency’s staff and to an unknown id give the same not_found', async () => {
    const caseId = `case-${mutationId()}`;
    valueOf(await create(supervisor, caseId, 'housing'));
    const foreign = await request(supervisor, 'mutate', { id: mutationId(), name: 'case.assign', args: { caseId, assigneeId: 'stf-health.agent1' } });
    const unknown = await request(supervisor, 'mutate', { id: mutationId(), name: 'case.assign', args: { caseId, assigneeId: 'stf-nobody' } });
    expect(refusalShape(foreign, 'stf-health.agent1')).toEqual(refusalShape(unknown, 'stf-nobody'));
    expect(refusalShape(foreign, 'stf-health.agent1').code).toBe('not_found');
    const bulkForeign = await request(supervisor, 'mutate', { id: mutationId(), name: 'bulk.assign', args: { caseIds: [caseId], assigneeIds: ['stf-health.agent1'] } });
    const bulkUnknown = await request(supervisor, 'mutate', { id: mutationId(), name: 'bulk.assign', args: { caseIds: [caseId], assigneeIds: ['stf-nobody'] } });
    expect(refusalShape(bulkForeign, 'stf-health.agent1')).toEqual(refusalShape(bulkUnknown, 'stf-nobody'));
    const row = await t.server.store.db.selectFrom('cases').select('assignee_id').where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(row.assignee_id).toBeNull();
  });
});
