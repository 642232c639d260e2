import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskEventPayload } from '../../../shared/desk-api';
import { ulid } from 'ulid';
import { BACKENDS, eventually, loggedInAndSynced, startCaseServer, startCore, tempDir } from './helpers';
import type { ServerStore, TestCore } from './helpers';

const dirs: ReturnType<typeof tempDir>[] = [];

function dir(prefix: string): string {
  const d = tempDir(prefix);
  dirs.push(d);
  return d.dir;
}

/** A fresh case of the housing agency, created through the desk and confirmed by the server. */
async function newCase(core: TestCore, subject: string): Promise<string> {
  const caseId = ulid();
  await core.handlers['cases.mutate']({
    name: 'case.create',
    args: {
      caseId,
      kind: 'complaint',
      agencyId: 'housing',
      channel: 'callcentre',
      citizen: { name: 'مواطن تجريبي', language: 'ar' },
      subject,
      body: 'نص الشكوى',
      language: 'ar',
    },
  });
  await eventually('case created on the server', async () => (await core.handlers['outbox.list']({})).length === 0);
  return caseId;
}

afterAll(() => {
  for (const d of dirs) d.remove();
});

describe.each(BACKENDS)('two desks on one agency (an agent and a supervisor), server on $name', (backend) => {
  let store: ServerStore;
  let server: Awaited<ReturnType<typeof startCaseServer>>;
  let a: TestCore;
  let b: TestCore;

  beforeAll(async () => {
    store = backend.createStore();
    server = await startCaseServer(store);
    a = startCore(dir('core-a-'), server.url);
    b = startCore(dir('core-b-'), server.url);
    await Promise.all([loggedInAndSynced(a, 'housing.agent1'), loggedInAndSynced(b, 'housing.supervisor')]);
  });

  afterAll(async () => {
    try {
      await a.close();
      await b.close();
      await server.close();
    } finally {
      await store.drop();
    }
  });

  it('show a reply written on one desk in the other desk without a reload', async () => {
    const caseId = await newCase(a, 'reply test');
    const body = `reply ${Date.now()}`;
    await a.handlers['cases.mutate']({ name: 'case.take', args: { caseId } });
    await a.handlers['cases.mutate']({ name: 'case.reply', args: { caseId, body } });
    // predicted at once on the writer's desk
    const mine = await a.handlers['cases.get']({ caseId });
    expect(mine!.messages.some((m) => m.body === body)).toBe(true);
    await eventually('reply reaches desk B', async () => {
      const theirs = await b.handlers['cases.get']({ caseId });
      return theirs?.messages.some((m) => m.kind === 'reply' && m.body === body);
    });
    // the desk coalesces change events (one per 50 ms), so the event may trail the cache
    await eventually('desk B told its renderer', () =>
      Promise.resolve(b.events.some((e) => e.event === 'cases.changed' && (e.payload as DeskEventPayload<'cases.changed'>).caseIds.includes(caseId))),
    );
    await eventually('outbox of A empty', async () => (await a.handlers['outbox.list']({})).length === 0);
  });

  it('converge on the same case after concurrent edits', async () => {
    const caseId = await newCase(a, 'concurrent edits');
    await Promise.all([
      a.handlers['cases.mutate']({ name: 'case.setPriority', args: { caseId, priority: 'urgent' } }),
      b.handlers['cases.mutate']({ name: 'case.tag', args: { caseId, add: ['from-b'] } }),
      a.handlers['cases.mutate']({ name: 'case.tag', args: { caseId, add: ['from-a'] } }),
      b.handlers['cases.mutate']({ name: 'case.note', args: { caseId, body: 'note from b' } }),
    ]);
    await eventually('both outboxes drained', async () =>
      (await a.handlers['outbox.list']({})).length === 0 && (await b.handlers['outbox.list']({})).length === 0,
    );
    const settled = await eventually('both desks agree', async () => {
      const [ca, cb] = await Promise.all([a.handlers['cases.get']({ caseId }), b.handlers['cases.get']({ caseId })]);
      return ca !== null && cb !== null && JSON.stringify(ca.case) === JSON.stringify(cb.case) && ca.messages.length === cb.messages.length ? ca : null;
    });
    expect(settled.case.priority).toBe('urgent');
    expect([...settled.case.tags].sort()).toEqual(['from-a', 'from-b']);
    expect(settled.messages.filter((m) => m.body === 'note from b')).toHaveLength(1);
    const row = (await a.handlers['cases.search']({ query: settled.case.ref, view: 'all', filter: {}, limit: 5 })).rows[0];
    expect(row?.pending).toBe(false);
  });

  it('tell a desk that a case was assigned to it by someone else, in the language its UI shows', async () => {
    await a.handlers['ui.language']({ language: 'ar' });
    const caseId = await newCase(b, 'assigned by the supervisor');
    const staff = (await b.handlers['reference.get']({})).staff;
    const agent1 = staff.find((s) => s.username === 'housing.agent1')!;
    await b.handlers['cases.mutate']({ name: 'case.assign', args: { caseId, assigneeId: agent1.id } });
    const told = await eventually('A notified', () =>
      a.events.find((e) => e.event === 'case.assignedToMe' && (e.payload as DeskEventPayload<'case.assignedToMe'>).caseId === caseId),
    );
    expect((told.payload as DeskEventPayload<'case.assignedToMe'>).language).toBe('ar');
    await a.handlers['ui.language']({ language: 'en' });
    expect(b.events.some((e) => e.event === 'case.assignedToMe' && (e.payload as { caseId: string }).caseId === caseId)).toBe(false);
  });

  it('roll back a mutation the server rejects, and say why', async () => {
    const caseId = await newCase(a, 'rejected transfer');
    const before = await a.handlers['cases.get']({ caseId });
    const { mutationId } = await a.handlers['cases.mutate']({
      name: 'case.transfer',
      args: { caseId, toAgencyId: 'no-such-agency', reason: 'wrong_agency' },
    });
    const rejected = await eventually('rejection', () =>
      a.events.find((e) => e.event === 'mutation.rejected' && (e.payload as { mutationId: string }).mutationId === mutationId),
    );
    expect((rejected.payload as DeskEventPayload<'mutation.rejected'>).code).not.toBe('');
    const after = await a.handlers['cases.get']({ caseId });
    expect(after!.case).toEqual(before!.case);
    expect(after!.pending).toEqual([]);
  });

  it('refuse an illegal transition locally, queueing nothing', async () => {
    const caseId = await newCase(a, 'illegal close');
    await expect(a.handlers['cases.mutate']({ name: 'case.close', args: { caseId } })).rejects.toMatchObject({
      code: 'illegal_transition',
    });
    expect(await a.handlers['outbox.list']({})).toEqual([]);
  });

  it('show who else is viewing a case, and forget them when they leave', async () => {
    const caseId = await newCase(a, 'presence');
    await a.handlers['presence.set']({ caseId, state: 'viewing' });
    const seen = await eventually('B sees A viewing', async () => {
      const detail = await b.handlers['cases.get']({ caseId });
      return detail !== null && detail.viewers.length > 0 ? detail.viewers : null;
    });
    expect(seen).toEqual([expect.objectContaining({ staffId: 'stf-housing.agent1', state: 'viewing' })]);
    expect(b.events.some((e) => e.event === 'presence.changed' && (e.payload as { caseId: string }).caseId === caseId)).toBe(true);
    expect((await a.handlers['cases.get']({ caseId }))!.viewers).toEqual([]);
    await a.handlers['presence.set']({ caseId, state: null });
    await eventually('A gone', async () => (await b.handlers['cases.get']({ caseId }))!.viewers.length === 0);
  });

  it('apply a supervisor bulk assignment optimistically and converge on every desk', async () => {
    const ids = [await newCase(a, 'bulk one'), await newCase(a, 'bulk two')];
    const agent1 = (await b.handlers['reference.get']({})).staff.find((s) => s.username === 'housing.agent1')!;
    await b.handlers['cases.mutate']({ name: 'bulk.assign', args: { caseIds: ids, assigneeIds: [agent1.id] } });
    for (const caseId of ids) expect((await b.handlers['cases.get']({ caseId }))!.case.assigneeId).toBe(agent1.id);
    await eventually('A sees both assigned to it', async () => {
      const rows = (await a.handlers['cases.page']({ view: 'mine', filter: {}, after: null, limit: 100 })).rows;
      return ids.every((id) => rows.some((r) => r.id === id && !r.pending));
    });
    await eventually('B outbox drained', async () => (await b.handlers['outbox.list']({})).length === 0);
  });

  it('drop a case transferred to another agency from every view on both desks, keeping a read-only record', async () => {
    const caseId = await newCase(a, 'misrouted, for labour');
    await eventually('B has the new case', async () => (await b.handlers['cases.get']({ caseId })) !== null);
    const countsBefore = await b.handlers['views.counts']({});
    await a.handlers['cases.mutate']({ name: 'case.transfer', args: { caseId, toAgencyId: 'labour', reason: 'wrong_agency', note: '' } });
    await eventually('A outbox drained', async () => (await a.handlers['outbox.list']({})).length === 0);
    for (const desk of [a, b]) {
      const record = await eventually('the record shows the new agency', async () => {
        const detail = await desk.handlers['cases.get']({ caseId });
        return detail?.case.agencyId === 'labour' ? detail : null;
      });
      expect(record.pending).toEqual([]);
      for (const view of ['inbox', 'all', 'unassigned'] as const) {
        const rows = (await desk.handlers['cases.page']({ view, filter: {}, after: null, limit: 500 })).rows;
        expect(rows.some((r) => r.id === caseId)).toBe(false);
      }
      expect((await desk.handlers['cases.search']({ query: record.case.ref, view: 'all', filter: {}, limit: 5 })).rows).toEqual([]);
    }
    expect((await b.handlers['views.counts']({})).inbox).toBe(countsBefore.inbox - 1);
  });
});
