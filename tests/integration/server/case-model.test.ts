// The desk's predicted new case equals the case the server stores, for every kind × channel:
// the call centre files each over a real socket, and the desk core's prediction is computed
// from the reference data the same server hands that desk (its SLA policies included) at the
// instant the server stamped. Only the reference differs: the server numbers references.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_KINDS, CHANNELS } from '../../../shared/domain';
import type { Case } from '../../../shared/domain';
import { mutationArgs } from '../../../shared/mutations';
import type { ReferenceData } from '../../../shared/protocol';
import { predictCreatedCase } from '../../../main/core/outbox/predict';
import { rowToCase, rowToMessage } from '../../../server/store/rows';
import { BACKENDS, mutationId, request, startTestServer, valueOf } from './harness';
import type { DeskClient, TestServer } from './harness';

const WORKING_DAY = 7 * 60;

describe.each(BACKENDS)('a new case predicted by the desk is the one the server stores, on $name', (backend) => {
  let t: TestServer;
  let callCentre: DeskClient;
  let reference: ReferenceData;

  beforeAll(async () => {
    t = await startTestServer(backend, { seed: { cases: 0, password: 'tawasul-demo' } });
    // one agency's own policy, unlike the norms, so a desk predicting from the norms is caught
    await t.server.store.db
      .updateTable('sla_policies')
      .set({ first_response_minutes: 3 * WORKING_DAY + 90, resolution_minutes: 11 * WORKING_DAY })
      .where('agency_id', '=', 'housing')
      .execute();
    callCentre = (await t.desk('callcentre.agent1')).socket;
    reference = valueOf(await request(callCentre, 'sync.reference', {}));
    expect(reference.slaPolicies.filter((p) => p.agencyId === 'housing' && p.resolutionMinutes === 11 * WORKING_DAY)).toHaveLength(CASE_KINDS.length);
  });
  afterAll(async () => {
    await t.stop();
  });

  const cases = CASE_KINDS.flatMap((kind) => CHANNELS.map((channel) => ({ kind, channel })));

  it.each(cases)('$kind by $channel', async ({ kind, channel }) => {
    const args = mutationArgs['case.create'].parse({
      caseId: `case-model-${kind}-${channel}-${Date.now()}`,
      kind,
      agencyId: 'housing',
      channel,
      citizen: { name: 'فاطمة علي', email: 'f@example.bh', language: 'ar' },
      subject: 'تسرب مياه',
      body: 'تسرب في السقف منذ أسبوع',
      language: 'ar',
    });
    const ack = valueOf(await request(callCentre, 'mutate', { id: mutationId(), name: 'case.create', args }));
    const row = await t.server.store.db.selectFrom('cases').selectAll().where('id', '=', args.caseId).executeTakeFirstOrThrow();
    const stored: Case = rowToCase(row);
    expect(ack.cases[0]).toEqual(stored);

    const predicted = predictCreatedCase(args, {
      actorId: reference.self.id,
      now: stored.createdAt,
      templates: reference.templates,
      agencies: reference.agencies,
      staff: reference.staff,
      slaPolicies: reference.slaPolicies,
    });
    expect(predicted.case.ref).toMatch(/^TW-\d{4}-0{8}$/);
    expect(stored.ref.slice(0, 8)).toBe(predicted.case.ref.slice(0, 8));
    expect({ ...predicted.case, ref: stored.ref }).toEqual(stored);
    // not the calendar days the desk once guessed: the agency's policy, in working time
    expect(stored.outcome).toBe(kind === 'suggestion' ? 'under_study' : null);

    const thread = await t.server.store.db.selectFrom('messages').selectAll().where('case_id', '=', args.caseId).execute();
    expect(thread.map(rowToMessage).map(({ kind: k, author, body, meta }) => ({ kind: k, author, body, meta }))).toEqual(predicted.messages);
  });
});
