// The case server end to end over loopback: HTTP, Socket.IO auth, bootstrap, mutations and
// their broadcast, idempotency, refusals, bulk all-or-nothing, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../../shared/domain';
import type { BootstrapPage, ChangesEvent } from '../../../shared/protocol';
import { caseSchema } from '../../../shared/domain';
import { rowToCase } from '../../../server/store/rows';
import { headSeq } from '../../../server/store/feed';
import { BACKENDS, mutationId, request, startTestServer, valueOf } from './harness';
import type { DeskClient, TestServer } from './harness';

describe.each(BACKENDS)('case server on $name', (backend) => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer(backend, { loginLimits: { pairFreeFailures: 3, pairBaseDelayMs: 60_000 } });
  });
  afterAll(async () => {
    await t.stop();
  });

  async function casesOf(agencyId: string, status: Case['status']): Promise<Case[]> {
    const rows = await t.server.store.db
      .selectFrom('cases')
      .selectAll()
      .where('agency_id', '=', agencyId)
      .where('status', '=', status)
      .orderBy('id')
      .execute();
    return rows.map(rowToCase);
  }

  async function caseById(id: string): Promise<Case> {
    return rowToCase(await t.server.store.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  }

  /** A fresh case through the intake API: status new, nothing else touches it. */
  async function fileCase(agencyId: string, language: 'ar' | 'en' = 'en'): Promise<Case> {
    const response = await fetch(`${t.url}/api/intake/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel-key': 'demo-web-key' },
      body: JSON.stringify({
        kind: 'complaint',
        agencyId,
        citizen: { name: language === 'ar' ? 'زينب الموسوي' : 'Zainab Al-Mousawi', language },
        subject: 'Street light out',
        body: 'The street light has been out for a week.',
        language,
      }),
    });
    if (response.status !== 201) throw new Error(`intake: ${response.status}`);
    const { id } = (await response.json()) as { id: string };
    return caseById(id);
  }

  /** A fresh case taken and started by `username`. */
  async function caseInProgress(socket: DeskClient, agencyId: string): Promise<Case> {
    const c = await fileCase(agencyId);
    valueOf(await request(socket, 'mutate', { id: mutationId(), name: 'case.take', args: { caseId: c.id } }));
    valueOf(await request(socket, 'mutate', { id: mutationId(), name: 'case.start', args: { caseId: c.id } }));
    return caseById(c.id);
  }

  function collect(socket: DeskClient): ChangesEvent[] {
    const seen: ChangesEvent[] = [];
    socket.on('changes', (event) => seen.push(event));
    return seen;
  }

  function nextChanges(socket: DeskClient, agencyId: string): Promise<ChangesEvent> {
    return new Promise((resolve) => {
      const listener = (event: ChangesEvent) => {
        if (event.agencyId !== agencyId) return;
        socket.off('changes', listener);
        resolve(event);
      };
      socket.on('changes', listener);
    });
  }

  describe('login', () => {
    it('hands out a session for the right password and refuses a wrong one', async () => {
      const ok = await t.login('housing.agent1');
      expect(ok.staff).toMatchObject({ username: 'housing.agent1', role: 'agent', agencyId: 'housing' });
      expect(ok.token.length).toBeGreaterThan(20);
      const bad = await fetch(`${t.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'housing.agent1', password: 'wrong-password' }),
      });
      expect(bad.status).toBe(401);
      expect(await bad.json()).toMatchObject({ error: { code: 'bad_credentials' } });
    });

    it('hands each user a cache secret of their own, the same at every login, never inside reference data', async () => {
      const first = await t.login('housing.agent2');
      const again = await t.login('housing.agent2');
      const colleague = await t.login('housing.agent3');
      expect(first.cacheSecret.length).toBeGreaterThanOrEqual(32);
      expect(again.cacheSecret).toBe(first.cacheSecret);
      expect(colleague.cacheSecret).not.toBe(first.cacheSecret);
      const { socket } = await t.desk('housing.agent3');
      const reference = JSON.stringify(valueOf(await request(socket, 'sync.reference', {})));
      expect(reference).toContain('housing.agent2');
      expect(reference).not.toContain(first.cacheSecret);
    });

    it('throttles a username after repeated failures, even with the right password', async () => {
      const attempt = (password: string) =>
        fetch(`${t.url}/api/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'works.agent2', password }),
        });
      for (let i = 0; i < 3; i++) expect((await attempt('nope-nope')).status).toBe(401);
      const blocked = await attempt('tawasul-demo');
      expect(blocked.status).toBe(429);
      expect(await blocked.json()).toMatchObject({ error: { code: 'rate_limited' } });
      // other users are unaffected
      expect((await t.login('works.agent1')).staff.username).toBe('works.agent1');
    });

    it('logout revokes the token: the socket handshake is then refused', async () => {
      const session = await t.login('health.agent1');
      const out = await fetch(`${t.url}/api/logout`, { method: 'POST', headers: { authorization: `Bearer ${session.token}` } });
      expect(out.status).toBe(200);
      await expect(t.connect(session.token)).rejects.toThrow('unauthorized');
    });
  });

  describe('a session that ends while its socket is open', () => {
    const disconnected = (socket: DeskClient) =>
      new Promise<string>((resolve) => {
        if (!socket.connected) resolve('already');
        socket.once('disconnect', (reason) => resolve(reason));
      });

    it('refuses the next mutation, writes nothing and drops the socket (the user was deactivated elsewhere)', async () => {
      const { socket } = await t.desk('labour.agent1');
      const c = await fileCase('labour');
      // as the admin command line does it, from another process: the staff row and its sessions
      await t.server.store.db.updateTable('staff').set({ active: 0 }).where('username', '=', 'labour.agent1').execute();
      const gone = disconnected(socket);
      const ack = await request(socket, 'mutate', { id: mutationId(), name: 'case.take', args: { caseId: c.id } });
      expect(ack).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect((await caseById(c.id)).assigneeId).toBeNull();
      expect(await gone).toBe('io server disconnect');
      await t.server.store.db.updateTable('staff').set({ active: 1 }).where('username', '=', 'labour.agent1').execute();
    });

    it('the sweep drops sockets whose session was deleted or whose role changed, and keeps the rest', async () => {
      const revoked = await t.desk('education.agent1');
      const promoted = await t.desk('education.agent2');
      const untouched = await t.desk('education.agent3');
      await t.server.store.db.deleteFrom('sessions').where('staff_id', '=', revoked.login.staff.id).execute();
      await t.server.store.db.updateTable('staff').set({ role: 'supervisor' }).where('id', '=', promoted.login.staff.id).execute();
      const revokedGone = disconnected(revoked.socket);
      const promotedGone = disconnected(promoted.socket);
      expect(await t.server.checkSessions()).toBe(2);
      expect(await revokedGone).toBe('io server disconnect');
      expect(await promotedGone).toBe('io server disconnect');
      expect(untouched.socket.connected).toBe(true);
      // the promoted one comes back with what a supervisor may do
      const again = await t.connect(promoted.login.token);
      expect(valueOf(await request(again, 'sync.reference', {})).self.role).toBe('supervisor');
      await t.server.store.db.updateTable('staff').set({ role: 'agent' }).where('id', '=', promoted.login.staff.id).execute();
    });
  });

  describe('socket authentication', () => {
    it('refuses a handshake without a token or with an unknown one', async () => {
      await expect(t.connect('')).rejects.toThrow('unauthorized');
      await expect(t.connect('not-a-real-token-at-all-000000')).rejects.toThrow('unauthorized');
    });
  });

  describe('sync', () => {
    it('bootstrap pages return every case of the snapshot exactly once, with their threads', async () => {
      const { socket } = await t.desk('housing.agent1');
      const ids: string[] = [];
      let cursor: string | null = null;
      let total = -1;
      let pages = 0;
      do {
        const page: BootstrapPage = valueOf(await request(socket, 'sync.bootstrap', { agencyId: 'housing', cursor, limit: 7 }));
        total = page.total;
        for (const c of page.cases) {
          expect(caseSchema.parse(c).agencyId).toBe('housing');
          ids.push(c.id);
        }
        const pageIds = new Set(page.cases.map((c) => c.id));
        expect(page.messages.every((m) => pageIds.has(m.caseId))).toBe(true);
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== null && pages < 1_000);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(total);
      const cutoff = Date.now() - 90 * 86_400_000;
      const expected = await t.server.store.db
        .selectFrom('cases')
        .select('id')
        .where('agency_id', '=', 'housing')
        .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', cutoff)]))
        .execute();
      expect(new Set(ids)).toEqual(new Set(expected.map((r) => r.id)));
      expect(ids.length).toBeGreaterThan(7);
    });

    it('refuses a bootstrap or pull of an agency the user may not see', async () => {
      const { socket } = await t.desk('housing.agent1');
      const boot = await request(socket, 'sync.bootstrap', { agencyId: 'labour', cursor: null, limit: 10 });
      expect(boot).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const pull = await request(socket, 'sync.pull', { agencyId: 'labour', afterSeq: 0, limit: 10 });
      expect(pull).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });

    it('reference data holds the own agency, its staff and templates; the call centre sees all', async () => {
      const { socket } = await t.desk('housing.agent1');
      const ref = valueOf(await request(socket, 'sync.reference', {}));
      expect(ref.self.username).toBe('housing.agent1');
      expect(ref.visibleAgencyIds).toEqual(['housing']);
      expect(ref.agencies).toHaveLength(51);
      expect(ref.staff.every((s) => s.agencyId === null || s.agencyId === 'housing')).toBe(true);
      expect(ref.templates.every((tpl) => tpl.agencyId === null || tpl.agencyId === 'housing')).toBe(true);
      expect(ref.templates.some((tpl) => tpl.agencyId === 'housing')).toBe(true);
      const cc = await t.desk('callcentre.agent1');
      expect(valueOf(await request(cc.socket, 'sync.reference', {})).visibleAgencyIds).toHaveLength(51);
    });
  });

  describe('mutations', () => {
    it('applies a mutation and broadcasts it to the agency only, after which a pull sees it', async () => {
      const agent1 = await t.desk('housing.agent1');
      const agent2 = await t.desk('housing.agent2');
      const labour = await t.desk('labour.agent1');
      const labourSeen = collect(labour.socket);
      const target = await fileCase('housing');
      const before = await headSeq(t.server.store.db, 'housing');

      const heard = nextChanges(agent2.socket, 'housing');
      const ack = await request(agent1.socket, 'mutate', { id: mutationId(), name: 'case.take', args: { caseId: target.id } });
      const result = valueOf(ack);
      expect(result.replayed).toBe(false);
      expect(result.cases[0]).toMatchObject({ id: target.id, status: 'assigned', assigneeId: agent1.login.staff.id, version: target.version + 1 });

      const event = await heard;
      expect(event.fromSeq).toBe(before + 1);
      expect(event.changes.map((c) => c.seq)).toEqual(Array.from({ length: event.toSeq - event.fromSeq + 1 }, (_, i) => event.fromSeq + i));
      expect(event.changes[0]).toMatchObject({ type: 'case', case: { id: target.id, status: 'assigned' } });
      expect(event.changes.some((c) => c.type === 'message' && c.message.body === 'assigned')).toBe(true);

      // a later labour change reaches the labour desk; the housing one never did
      const labourCase = await fileCase('labour');
      const labourHeard = nextChanges(labour.socket, 'labour');
      valueOf(await request(labour.socket, 'mutate', { id: mutationId(), name: 'case.note', args: { caseId: labourCase.id, body: 'checked' } }));
      await labourHeard;
      expect(labourSeen.filter((e) => e.agencyId !== 'labour')).toEqual([]);

      const pulled = valueOf(await request(agent2.socket, 'sync.pull', { agencyId: 'housing', afterSeq: before, limit: 100 }));
      expect(pulled.resync).toBe(false);
      expect(pulled.changes[0]?.seq).toBe(before + 1);
      expect(pulled.toSeq).toBe(event.toSeq);
    });

    it('replays a repeated mutation id without applying it twice', async () => {
      const { socket } = await t.desk('housing.agent1');
      const target = await caseInProgress(socket, 'housing');
      const envelope = { id: mutationId(), name: 'case.note' as const, args: { caseId: target.id, body: 'called the citizen back' } };
      const first = valueOf(await request(socket, 'mutate', envelope));
      const head = await headSeq(t.server.store.db, 'housing');
      const second = valueOf(await request(socket, 'mutate', envelope));
      expect(first.replayed).toBe(false);
      expect(second).toEqual({ ...first, replayed: true });
      expect(await headSeq(t.server.store.db, 'housing')).toBe(head);
      const notes = await t.server.store.db.selectFrom('messages').select('id').where('case_id', '=', target.id).where('body', '=', 'called the citizen back').execute();
      expect(notes).toHaveLength(1);
    });

    it('refuses an illegal transition and writes nothing', async () => {
      const { socket } = await t.desk('housing.agent1');
      const target = await fileCase('housing');
      const head = await headSeq(t.server.store.db, 'housing');
      const ack = await request(socket, 'mutate', { id: mutationId(), name: 'case.close', args: { caseId: target.id } });
      expect(ack).toMatchObject({ ok: false, error: { code: 'illegal_transition', params: { status: 'new' } } });
      expect(await caseById(target.id)).toEqual(target);
      expect(await headSeq(t.server.store.db, 'housing')).toBe(head);
    });

    it('refuses a stale expectedVersion with conflict, and an agent assigning a colleague with forbidden', async () => {
      const { socket } = await t.desk('housing.agent3');
      const target = await caseInProgress(socket, 'housing');
      const stale = await request(socket, 'mutate', {
        id: mutationId(),
        name: 'case.reply',
        args: { caseId: target.id, body: 'reply', expectedVersion: target.version - 1 },
      });
      expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const assign = await request(socket, 'mutate', { id: mutationId(), name: 'case.assign', args: { caseId: target.id, assigneeId: 'stf-housing.agent4' } });
      expect(assign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const bulk = await request(socket, 'mutate', { id: mutationId(), name: 'bulk.setPriority', args: { caseIds: [target.id], priority: 'high' } });
      expect(bulk).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await caseById(target.id)).toEqual(target);
    });

    it('keeps tenancy: a case of another agency is not found', async () => {
      const { socket } = await t.desk('labour.agent1');
      const housingCase = await fileCase('housing');
      const ack = await request(socket, 'mutate', { id: mutationId(), name: 'case.note', args: { caseId: housingCase.id, body: 'peek' } });
      expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
    });

    it('bulk.assign is all or nothing, and balanced when it applies', async () => {
      const { socket } = await t.desk('housing.supervisor');
      const fresh = [await fileCase('housing'), await fileCase('housing'), await fileCase('housing'), await fileCase('housing')];
      const closed = (await casesOf('housing', 'closed'))[0];
      if (closed === undefined) throw new Error('the seed has no closed housing case');
      const assignees = ['stf-housing.agent1', 'stf-housing.agent2'];
      const head = await headSeq(t.server.store.db, 'housing');

      const refused = await request(socket, 'mutate', {
        id: mutationId(),
        name: 'bulk.assign',
        args: { caseIds: [...fresh.slice(0, 2).map((c) => c.id), closed.id, ...fresh.slice(2).map((c) => c.id)], assigneeIds: assignees },
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'illegal_transition', params: { caseId: closed.id, ref: closed.ref } } });
      for (const c of fresh) expect(await caseById(c.id)).toEqual(c);
      expect(await headSeq(t.server.store.db, 'housing')).toBe(head);

      const applied = valueOf(await request(socket, 'mutate', { id: mutationId(), name: 'bulk.assign', args: { caseIds: fresh.map((c) => c.id), assigneeIds: assignees } }));
      expect(applied.cases).toEqual([]);
      const after = await Promise.all(fresh.map((c) => caseById(c.id)));
      expect(after.every((c) => c.status === 'assigned')).toBe(true);
      expect(after.filter((c) => c.assigneeId === assignees[0])).toHaveLength(2);
      expect(after.filter((c) => c.assigneeId === assignees[1])).toHaveLength(2);
    });

    it('bulk.reply renders the template per case in the citizen language', async () => {
      const { socket } = await t.desk('housing.supervisor');
      const agent = await t.desk('housing.agent5');
      const targets = [await caseInProgress(agent.socket, 'housing'), await caseInProgress(agent.socket, 'housing')];
      const arabic = await fileCase('housing', 'ar');
      valueOf(await request(agent.socket, 'mutate', { id: mutationId(), name: 'case.take', args: { caseId: arabic.id } }));
      targets.push(await caseById(arabic.id));
      valueOf(await request(socket, 'mutate', { id: mutationId(), name: 'bulk.reply', args: { caseIds: targets.map((c) => c.id), templateId: 'tpl-national-resolved-en' } }));
      for (const c of targets) {
        const after = await caseById(c.id);
        expect(after.status).toBe('answered');
        const reply = await t.server.store.db
          .selectFrom('messages')
          .select('body')
          .where('case_id', '=', c.id)
          .where('kind', '=', 'reply')
          .orderBy('created_at', 'desc')
          .executeTakeFirstOrThrow();
        expect(reply.body).toContain(c.ref);
        expect(reply.body).toContain(c.citizen.name);
        expect(reply.body).not.toContain('{{');
        expect(reply.body.startsWith(c.citizen.language === 'ar' ? 'عزيزي' : 'Dear')).toBe(true);
      }
    });

    it('a transfer leaves the source feed with case.removed and lands in the target feed as new', async () => {
      const { socket } = await t.desk('housing.agent1');
      const target = await fileCase('housing');
      const housingHead = await headSeq(t.server.store.db, 'housing');
      const worksHead = await headSeq(t.server.store.db, 'works');
      valueOf(await request(socket, 'mutate', { id: mutationId(), name: 'case.transfer', args: { caseId: target.id, toAgencyId: 'works', reason: 'wrong_agency' } }));
      const supervisor = await t.desk('works.supervisor');
      const worksFeed = valueOf(await request(supervisor.socket, 'sync.pull', { agencyId: 'works', afterSeq: worksHead, limit: 50 }));
      expect(worksFeed.changes[0]).toMatchObject({ type: 'case', case: { id: target.id, agencyId: 'works', status: 'new', transferredFrom: 'housing' } });
      const housingFeed = valueOf(await request(socket, 'sync.pull', { agencyId: 'housing', afterSeq: housingHead, limit: 50 }));
      expect(housingFeed.changes).toEqual([{ seq: housingHead + 1, type: 'case.removed', caseId: target.id, toAgencyId: 'works' }]);
    });

    it('the call centre files a case for any agency; the server numbers it', async () => {
      const { socket } = await t.desk('callcentre.agent1');
      const caseId = `cc-${Date.now()}`;
      const result = valueOf(
        await request(socket, 'mutate', {
          id: mutationId(),
          name: 'case.create',
          args: { caseId, kind: 'enquiry', agencyId: 'ewa', channel: 'callcentre', citizen: { name: 'Ali Hasan', language: 'en', cpr: '850101234' }, subject: 'Meter', body: 'Meter reading', language: 'en' },
        }),
      );
      expect(result.cases[0]).toMatchObject({ id: caseId, agencyId: 'ewa', status: 'new', version: 1 });
      expect(result.cases[0]?.ref).toMatch(/^TW-\d{4}-\d{8}$/);
      expect(result.cases[0]?.firstResponseDueAt).toBeGreaterThan(Date.now());
      const take = await request(socket, 'mutate', { id: mutationId(), name: 'case.take', args: { caseId } });
      expect(take).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });
  });

  describe('intake API', () => {
    it('creates a request with a unique reference and the desk hears of it; citizen messages follow', async () => {
      const { socket } = await t.desk('housing.agent2');
      const heard = nextChanges(socket, 'housing');
      const post = (path: string, body: unknown, key = 'demo-app-key') =>
        fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-channel-key': key }, body: JSON.stringify(body) });
      const created = await post('/api/intake/requests', {
        kind: 'complaint',
        agencyId: 'housing',
        citizen: { name: 'مريم الحداد', language: 'ar' },
        subject: 'تأخر الطلب',
        body: 'تفاصيل',
        language: 'ar',
      });
      expect(created.status).toBe(201);
      const { id, ref } = (await created.json()) as { id: string; ref: string };
      expect(ref).toMatch(/^TW-\d{4}-\d{8}$/);
      const event = await heard;
      expect(event.changes[0]).toMatchObject({ type: 'case', case: { id, ref, channel: 'app' } });
      expect((await post(`/api/intake/requests/${ref}/messages`, { body: 'any news?' })).status).toBe(200);
      expect((await post(`/api/intake/requests/${ref}/rating`, { rating: 5 })).status).toBe(409);
      expect((await post(`/api/intake/requests/TW-2000-00000001/messages`, { body: 'x' })).status).toBe(404);
      expect((await post('/api/intake/requests', { kind: 'complaint' })).status).toBe(400);
      expect((await post('/api/intake/requests', {}, 'wrong-key')).status).toBe(401);
    });
  });
});
