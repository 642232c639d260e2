// `z` undo against the real case server: messages to the citizen are held for the undo window
// (Send now sends at once; an undo drops them before the server hears of them), compensable
// mutations are sent soon and undone by their inverse, which another desk sees; the window and
// another desk's change both make the undo refuse, saying why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRow, DeskEventPayload } from '../../../shared/desk-api';
import { BACKENDS, eventually, loggedInAndSynced, startCaseServer, startCore, tempDir } from './helpers';
import type { ServerStore, TestCore } from './helpers';

const LONG_WINDOW = 120_000;
let store: ServerStore;
let server: Awaited<ReturnType<typeof startCaseServer>>;
const dirs: ReturnType<typeof tempDir>[] = [];
const cores: TestCore[] = [];

function core(username: string, extra: Parameters<typeof startCore>[2] = {}): Promise<TestCore> {
  const d = tempDir('core-undo-');
  dirs.push(d);
  const c = startCore(d.dir, server.url, extra);
  cores.push(c);
  return loggedInAndSynced(c, username).then(() => c);
}

async function openRows(desk: TestCore, view: 'unassigned' | 'inbox', limit: number): Promise<CaseRow[]> {
  return (await desk.handlers['cases.page']({ view, filter: {}, after: null, limit })).rows;
}

const applied = (desk: TestCore, mutationId: string) =>
  desk.events.some((e) => e.event === 'mutation.applied' && (e.payload as DeskEventPayload<'mutation.applied'>).mutationId === mutationId);

async function thread(desk: TestCore, caseId: string): Promise<string[]> {
  return (await desk.handlers['cases.get']({ caseId }))!.messages.map((m) => m.body);
}

beforeAll(async () => {
  store = BACKENDS[0].createStore();
  server = await startCaseServer(store, 0, 2_000);
});

afterAll(async () => {
  try {
    for (const c of cores.splice(0)) await c.close();
    await server.close();
  } finally {
    await store.drop();
    for (const d of dirs) d.remove();
  }
});

describe('undo keeps its promise', () => {
  it('holds a reply for the undo window while other work goes; Send now sends it at once', async () => {
    const agent = await core('housing.agent1', { undoWindowMs: LONG_WINDOW });
    const witness = await core('housing.agent2');
    const [replyTo, takeMe] = await openRows(agent, 'unassigned', 2);
    await agent.handlers['cases.mutate']({ name: 'case.take', args: { caseId: replyTo.id } });
    await eventually('the take applied', async () => (await agent.handlers['outbox.list']({})).length === 0);
    const reply = await agent.handlers['cases.mutate']({ name: 'case.reply', args: { caseId: replyTo.id, body: 'held for the window' } });
    const pending = (await agent.handlers['outbox.list']({})).find((m) => m.id === reply.mutationId)!;
    expect(pending.sendAt! - pending.createdAt).toBe(LONG_WINDOW);
    expect((await agent.handlers['sync.status']({})).nextSendAt).toBe(pending.sendAt);

    // a take made after the reply is sent and applied; the reply still waits
    const take = await agent.handlers['cases.mutate']({ name: 'case.take', args: { caseId: takeMe.id } });
    await eventually('the later take applied', () => applied(agent, take.mutationId));
    await eventually('the witness sees the take', async () => (await witness.handlers['cases.get']({ caseId: takeMe.id }))?.case.assigneeId !== null);
    expect(await thread(witness, replyTo.id)).not.toContain('held for the window');
    expect((await agent.handlers['outbox.list']({})).map((m) => m.id)).toEqual([reply.mutationId]);

    expect(await agent.handlers['outbox.flush']({ mutationId: reply.mutationId })).toEqual({ flushed: true });
    await eventually('the witness sees the reply', async () => (await thread(witness, replyTo.id)).includes('held for the window'));
    await eventually('the reply applied', () => applied(agent, reply.mutationId));
    expect(await agent.handlers['outbox.flush']({ mutationId: reply.mutationId })).toEqual({ flushed: false });
    // sent to the citizen: there is no taking it back
    const refused = await agent.handlers['outbox.undo']({ mutationId: reply.mutationId });
    expect(refused).toMatchObject({ undone: false, code: 'not_reversible' });
    expect(!refused.undone && refused.reason).toMatch(/sent/);
  });

  it('sends a held reply once its window has passed, with no call made', async () => {
    const agent = await core('housing.agent3', { undoWindowMs: 300 });
    const [row] = await openRows(agent, 'unassigned', 1);
    await agent.handlers['cases.mutate']({ name: 'case.take', args: { caseId: row.id } });
    const reply = await agent.handlers['cases.mutate']({ name: 'case.reply', args: { caseId: row.id, body: 'sent after the window' } });
    await eventually('the reply applied', () => applied(agent, reply.mutationId));
    const witness = await core('housing.agent4');
    expect(await thread(witness, row.id)).toContain('sent after the window');
  });

  it('drops an undone reply before the server ever hears of it', async () => {
    const agent = await core('housing.agent5', { undoWindowMs: LONG_WINDOW });
    const [row, other] = await openRows(agent, 'unassigned', 2);
    await agent.handlers['cases.mutate']({ name: 'case.take', args: { caseId: row.id } });
    const reply = await agent.handlers['cases.mutate']({ name: 'case.reply', args: { caseId: row.id, body: 'never to be sent' } });
    expect(await thread(agent, row.id)).toContain('never to be sent');
    expect(await agent.handlers['outbox.undo']({ mutationId: reply.mutationId })).toEqual({ undone: true, how: 'dropped' });
    expect(await thread(agent, row.id)).not.toContain('never to be sent');
    // the outbox carries on: a later take is applied, and the reply is nowhere on the server
    const take = await agent.handlers['cases.mutate']({ name: 'case.take', args: { caseId: other.id } });
    await eventually('the take applied', () => applied(agent, take.mutationId));
    const witness = await core('housing.agent6');
    expect(await thread(witness, row.id)).not.toContain('never to be sent');
    expect(await agent.handlers['outbox.list']({})).toEqual([]);
  });

  it('undoes an applied take with an assign back, which a second desk sees; refuses once the window has passed', async () => {
    const agent = await core('housing.agent1', { undoWindowMs: LONG_WINDOW });
    const witness = await core('housing.agent2');
    const [row] = await openRows(agent, 'unassigned', 1);
    const before = (await witness.handlers['cases.get']({ caseId: row.id }))!.case;
    const take = await agent.handlers['cases.mutate']({ name: 'case.take', args: { caseId: row.id } });
    await eventually('the take applied', () => applied(agent, take.mutationId));
    await eventually('the witness sees it taken', async () => (await witness.handlers['cases.get']({ caseId: row.id }))!.case.assigneeId !== null);

    expect(await agent.handlers['outbox.undo']({ mutationId: take.mutationId })).toEqual({ undone: true, how: 'compensated' });
    await eventually('the witness sees it unassigned again', async () => {
      const c = (await witness.handlers['cases.get']({ caseId: row.id }))!.case;
      return c.assigneeId === before.assigneeId && c.status === before.status;
    });
    await eventually('the agent converges', async () => {
      const c = (await agent.handlers['cases.get']({ caseId: row.id }))!;
      return c.case.assigneeId === null && c.pending.length === 0;
    });
    expect(await agent.handlers['outbox.undo']({ mutationId: take.mutationId })).toMatchObject({ undone: false });

    const quick = await core('housing.agent3', { undoWindowMs: 200 });
    const [other] = await openRows(quick, 'unassigned', 1);
    const late = await quick.handlers['cases.mutate']({ name: 'case.take', args: { caseId: other.id } });
    await eventually('the take applied', () => applied(quick, late.mutationId));
    const deadline = (await quick.handlers['outbox.list']({})).length === 0 ? Date.now() + 250 : Infinity;
    await eventually('past the window', () => Date.now() > deadline);
    const refused = await quick.handlers['outbox.undo']({ mutationId: late.mutationId });
    expect(refused).toMatchObject({ undone: false, code: 'window_passed', params: { seconds: '0' } });
    expect(!refused.undone && refused.reason).toMatch(/window/);
  });

  it('undoes an applied bulk assign of fifty: every case back to its previous assignee', async () => {
    const supervisor = await core('housing.supervisor', { undoWindowMs: LONG_WINDOW });
    const witness = await core('housing.agent4');
    const rows = (await openRows(supervisor, 'inbox', 200)).filter((r) => r.assigneeId !== 'stf-housing.agent6' && r.status !== 'new' || r.assigneeId === null);
    const fifty = rows.slice(0, 50);
    expect(fifty).toHaveLength(50);
    const previous = new Map(fifty.map((r) => [r.id, r.assigneeId]));
    expect(new Set(previous.values()).size).toBeGreaterThan(1);
    const staff = (await supervisor.handlers['reference.get']({})).staff;
    const target = staff.find((s) => s.username === 'housing.agent6')!;
    const bulk = await supervisor.handlers['cases.mutate']({ name: 'bulk.assign', args: { caseIds: fifty.map((r) => r.id), assigneeIds: [target.id] } });
    await eventually('the bulk assign applied', () => applied(supervisor, bulk.mutationId));
    await eventually('the witness sees all fifty assigned', async () => {
      for (const r of fifty) if ((await witness.handlers['cases.get']({ caseId: r.id }))!.case.assigneeId !== target.id) return false;
      return true;
    });

    expect(await supervisor.handlers['outbox.undo']({ mutationId: bulk.mutationId })).toEqual({ undone: true, how: 'compensated' });
    await eventually('the witness sees all fifty back', async () => {
      for (const r of fifty) if ((await witness.handlers['cases.get']({ caseId: r.id }))!.case.assigneeId !== previous.get(r.id)) return false;
      return true;
    });
  });

  it("refuses to undo over another desk's later change, and says so", async () => {
    const agent = await core('housing.agent5', { undoWindowMs: LONG_WINDOW });
    const colleague = await core('housing.supervisor');
    const [row] = await openRows(agent, 'unassigned', 1);
    const take = await agent.handlers['cases.mutate']({ name: 'case.take', args: { caseId: row.id } });
    await eventually('the take applied', () => applied(agent, take.mutationId));
    await eventually('the colleague sees it taken', async () => (await colleague.handlers['cases.get']({ caseId: row.id }))!.case.assigneeId !== null);
    const raise = await colleague.handlers['cases.mutate']({ name: 'case.setPriority', args: { caseId: row.id, priority: 'urgent' } });
    await eventually('the colleague change applied', () => applied(colleague, raise.mutationId));
    await eventually('the agent sees it', async () => (await agent.handlers['cases.get']({ caseId: row.id }))!.case.priority === 'urgent');

    const refused = await agent.handlers['outbox.undo']({ mutationId: take.mutationId });
    expect(refused).toMatchObject({ undone: false, code: 'changed_since', params: { ref: row.ref } });
    expect(!refused.undone && refused.reason).toMatch(/someone else/);
    const c = (await colleague.handlers['cases.get']({ caseId: row.id }))!.case;
    expect(c.assigneeId).not.toBeNull();
    expect(c.priority).toBe('urgent');
  });
});
