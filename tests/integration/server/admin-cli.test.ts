// The admin command line as an administrator uses it: a real child process against the same
// database as a running server (a seeded SQLite folder, and a PostgreSQL schema of its own).
// What it writes is checked where it matters: at the server's login, at the socket handshake,
// in the due times of a new case, and in the audit trail; what it refuses writes nothing.
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connectClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_STATUSES } from '../../../shared/domain';
import type { LoginResponse } from '../../../shared/protocol';
import { addWorkingMinutes } from '../../../shared/working-time';
import { openStore } from '../../../server/store/db';
import type { Store } from '../../../server/store/db';
import { ROOT, startChildServer } from './child-server';
import type { ChildServer, ChildStore } from './child-server';
import { BACKENDS, PASSWORD } from './harness';
import type { DeskClient } from './harness';

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs `npm run admin -- ...args` the way the script does (tsx), without npm's banner. */
function admin(store: ChildStore | null, args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/admin/cli.ts',
        ...(store !== null && 'dataDir' in store ? ['--data', store.dataDir] : []),
        ...args,
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: store !== null && 'databaseUrl' in store ? store.databaseUrl : '',
          DATABASE_SCHEMA: store !== null && 'databaseUrl' in store ? store.schema : '',
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

function ok(run: Run): Run {
  if (run.code !== 0) throw new Error(`admin exited ${run.code}: ${run.stderr}`);
  return run;
}

function json<T>(run: Run): T {
  return JSON.parse(ok(run).stdout) as T;
}

/** One line on stderr, no stack trace, nothing on stdout. */
function expectOneLineRefusal(run: Run, code: number, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

async function login(
  url: string,
  username: string,
  password: string,
): Promise<{ status: number; body: LoginResponse }> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: response.status, body: (await response.json()) as LoginResponse };
}

/** Whether a desk socket with this token gets past the server's handshake: 'connected' or the refusal. */
function handshake(url: string, token: string): Promise<string> {
  return new Promise((resolve) => {
    const socket: DeskClient = connectClient(url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    socket.once('connect', () => {
      socket.disconnect();
      resolve('connected');
    });
    socket.once('connect_error', (error) => {
      socket.disconnect();
      resolve(error.message);
    });
  });
}

describe('admin CLI without a database', () => {
  const nowhere = join(tmpdir(), `tawasul-admin-missing-${process.pid}`);

  it('answers --help for the tool, each group and every command', async () => {
    const overview = await admin(null, ['--help']);
    expect(overview.code).toBe(0);
    const commands = [...overview.stdout.matchAll(/^ {2}(agencies|staff|policies) (\S+)/gm)].map((m) => [
      m[1] ?? '',
      m[2] ?? '',
    ]);
    expect(commands.map((c) => c.join(' '))).toEqual(
      expect.arrayContaining([
        'agencies list',
        'staff list',
        'staff add',
        'staff set-role',
        'staff deactivate',
        'staff activate',
        'staff reset-password',
        'policies list',
        'policies set',
      ]),
    );
    for (const command of [...commands, ['staff']]) {
      const help = await admin(null, [...command, '--help']);
      expect(help.code, command.join(' ')).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^usage: npm run admin -- ${command.join(' ')}`));
    }
  });

  it('refuses bad commands, flags and values with one line and exit 2, before opening any database', async () => {
    // --data points at no folder: had any of these got as far as the database, they would exit 1
    const refusals: [string[], RegExp][] = [
      [[], /no command given/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['staff'], /staff needs a command/],
      [['staff', 'list', '--bogus'], /unknown option --bogus/],
      [
        ['staff', 'add', '--username', 'a.b', '--name', 'A B', '--role', 'agent'],
        /agent role belongs to one agency: give --agency/,
      ],
      [
        ['staff', 'add', '--username', 'a.b', '--name', 'A B', '--role', 'callcentre', '--agency', 'housing'],
        /leave out --agency/,
      ],
      [['staff', 'add', '--username', 'A B', '--name', 'A B', '--role', 'admin'], /a username is/],
      [
        ['staff', 'add', '--username', 'a.b', '--name', 'A B', '--role', 'admin', '--password', 'short'],
        /a password needs 12/,
      ],
      [
        ['staff', 'add', '--username', 'a.b', '--name', 'A B', '--role', 'admin', '--capacity', '-1'],
        /--capacity/,
      ],
      [['staff', 'set-role', 'someone'], /expects U ROLE/],
      [['policies', 'set', '--agency', 'housing', '--kind', 'complaint'], /nothing to change/],
      [
        ['policies', 'set', '--agency', 'housing', '--kind', 'complaint', '--resolution-hours', 'ten'],
        /--resolution-hours is a number of working hours/,
      ],
      [
        ['policies', 'set', '--agency', 'housing', '--kind', 'complaint', '--on-transfer', 'pause'],
        /--on-transfer is restart or continue/,
      ],
    ];
    for (const [args, pattern] of refusals) {
      expectOneLineRefusal(
        await admin(null, [...args, ...(args.length > 1 ? ['--data', nowhere] : [])]),
        2,
        pattern,
      );
    }
  });

  it('says which database it could not open, and exits 1', async () => {
    expectOneLineRefusal(
      await admin({ dataDir: nowhere }, ['agencies', 'list']),
      1,
      /no data folder .*tawasul-admin-missing/,
    );
    // nothing listens on port 1
    expectOneLineRefusal(
      await admin({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test', schema: 'public' }, [
        'staff',
        'list',
      ]),
      1,
      /could not open the database \(PostgreSQL schema public\): .*ECONNREFUSED/,
    );
  });

  it('is the npm script "admin"', async () => {
    const run = await new Promise<Run>((resolve, reject) => {
      const child = spawn('npm', ['run', '--silent', 'admin', '--', 'policies', '--help'], {
        cwd: ROOT,
        env: process.env,
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stdout, stderr: '' }));
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run admin -- policies <list\|set>/);
  });
});

describe.each(BACKENDS)('admin CLI on $name', (backend) => {
  const prepared = backend.prepare();
  const o = prepared.options;
  const target: ChildStore =
    o.dataDir !== undefined
      ? { dataDir: o.dataDir }
      : { databaseUrl: o.databaseUrl ?? '', schema: o.databaseSchema ?? '' };
  let server: ChildServer;
  let store: Store;

  beforeAll(async () => {
    // the server seeds the database at start and keeps running on it, as it would in production
    server = await startChildServer(target, ['--seed', 'demo', '--cases', '300'], { LOG_LEVEL: 'warn' });
    store = await openStore(
      o.dataDir !== undefined
        ? { dataDir: o.dataDir }
        : {
            databaseUrl: o.databaseUrl ?? '',
            ...(o.databaseSchema === undefined ? {} : { schema: o.databaseSchema }),
          },
    );
  });

  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    await store.close();
    await prepared.cleanup();
  });

  async function auditActions(): Promise<
    { action: string; staff_id: string; client: string; detail: string | null }[]
  > {
    return store.db
      .selectFrom('audit')
      .select(['action', 'staff_id', 'client', 'detail'])
      .where('client', '=', 'cli')
      .orderBy('id')
      .execute();
  }

  it('lists the agencies with their open cases', async () => {
    const agencies = json<
      { id: string; nameEn: string; nameAr: string; active: boolean; openCases: number }[]
    >(await admin(target, ['agencies', 'list', '--json']));
    expect(agencies).toHaveLength(51);
    const housing = agencies.find((a) => a.id === 'housing');
    expect(housing?.nameEn).toMatch(/Housing/);
    expect(housing?.nameAr).toMatch(/[\u0600-\u06ff]/);
    expect(housing?.active).toBe(true);
    const open = await store.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', [...OPEN_STATUSES])
      .executeTakeFirstOrThrow();
    expect(agencies.reduce((sum, a) => sum + a.openCases, 0)).toBe(Number(open.n));
    const table = ok(await admin(target, ['agencies', 'list'])).stdout;
    expect(table).toMatch(/^housing\s+\d+\s+yes\s+.*Housing/m);
  });

  it('adds a user who logs in with the printed password; listings never show secrets', async () => {
    const added = ok(
      await admin(target, [
        'staff',
        'add',
        '--username',
        'housing.agent9',
        '--name',
        'Maryam Al-Sayed',
        '--role',
        'agent',
        '--agency',
        'housing',
        '--languages',
        'ar',
        '--capacity',
        '25',
      ]),
    );
    const password = /^password: (\S+)$/m.exec(added.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    const session = await login(server.url, 'housing.agent9', password ?? '');
    expect(session.status).toBe(200);
    expect(session.body.staff).toMatchObject({
      username: 'housing.agent9',
      displayName: 'Maryam Al-Sayed',
      role: 'agent',
      agencyId: 'housing',
      languages: ['ar'],
      capacity: 25,
      active: true,
    });
    expect(await handshake(server.url, session.body.token)).toBe('connected');

    // a chosen password, read from stdin so it stays out of the process list
    ok(
      await admin(
        target,
        [
          'staff',
          'add',
          '--username',
          'cc.night',
          '--name',
          'Night Desk',
          '--role',
          'callcentre',
          '--password-stdin',
        ],
        'night-shift-password\n',
      ),
    );
    expect((await login(server.url, 'cc.night', 'night-shift-password')).body.staff).toMatchObject({
      role: 'callcentre',
      agencyId: null,
    });

    const listing = await admin(target, ['staff', 'list', '--agency', 'housing', '--json']);
    const staff = json<{ username: string }[]>(listing);
    expect(staff.map((s) => s.username)).toContain('housing.agent9');
    // the Arabic display name is listed where a person has one (the demo staff all do)
    const allowed = new Set(['active', 'agencyId', 'capacity', 'displayName', 'displayNameAr', 'id', 'languages', 'role', 'username']);
    expect(staff.every((s) => Object.keys(s).every((key) => allowed.has(key)) && 'displayName' in s && 'role' in s)).toBe(true);
    const everyone = ok(await admin(target, ['staff', 'list'])).stdout + listing.stdout;
    expect(everyone).not.toMatch(/scrypt\$/);
    expect(everyone).not.toContain(session.body.cacheSecret);
    expect(everyone).not.toContain(password);

    const audit = await auditActions();
    expect(audit.filter((a) => a.action === 'staff.add')).toHaveLength(2);
    expect(audit.every((a) => a.staff_id === 'admin-cli')).toBe(true);
    expect(audit.map((a) => a.detail ?? '').join()).not.toContain(password);
  });

  it('deactivating refuses the login and the token already handed out; activating lets them back', async () => {
    const before = await login(server.url, 'housing.agent2', PASSWORD);
    expect(before.status).toBe(200);
    const deactivated = ok(await admin(target, ['staff', 'deactivate', 'housing.agent2']));
    expect(deactivated.stdout).toMatch(/deactivated housing\.agent2/);
    expect(deactivated.stderr).toMatch(/ended 1 session of housing\.agent2/);

    expect((await login(server.url, 'housing.agent2', PASSWORD)).status).toBe(401);
    expect(await handshake(server.url, before.body.token)).toBe('unauthorized');
    const logout = await fetch(`${server.url}/api/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${before.body.token}` },
    });
    expect(logout.status).toBe(401);
    const listed = json<{ username: string; active: boolean }[]>(
      await admin(target, ['staff', 'list', '--agency', 'housing', '--json']),
    );
    expect(listed.find((s) => s.username === 'housing.agent2')?.active).toBe(false);

    ok(await admin(target, ['staff', 'activate', 'housing.agent2']));
    const after = await login(server.url, 'housing.agent2', PASSWORD);
    expect(after.status).toBe(200);
    expect(await handshake(server.url, after.body.token)).toBe('connected');
    expect((await auditActions()).map((a) => a.action)).toEqual(
      expect.arrayContaining(['staff.deactivate', 'staff.activate']),
    );
  });

  it('a desk socket already open when its user is deactivated is refused its next mutation and dropped', async () => {
    const session = await login(server.url, 'housing.agent5', PASSWORD);
    const socket: DeskClient = connectClient(server.url, { auth: { token: session.body.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    ok(await admin(target, ['staff', 'deactivate', 'housing.agent5']));
    const ack = await new Promise<unknown>((resolve) => {
      socket.emit('mutate', { id: `mut-admin-${Date.now()}`, name: 'case.note', args: { caseId: 'any-case', body: 'after deactivation' } }, resolve);
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await dropped).toBe('io server disconnect');
    ok(await admin(target, ['staff', 'activate', 'housing.agent5']));
  });

  it('a reset password replaces the old one and ends the sessions made with it', async () => {
    const before = await login(server.url, 'housing.agent3', PASSWORD);
    const reset = ok(await admin(target, ['staff', 'reset-password', 'housing.agent3', '--json']));
    const { password, sessionsEnded } = JSON.parse(reset.stdout) as {
      password: string;
      sessionsEnded: number;
    };
    expect(sessionsEnded).toBe(1);
    expect((await login(server.url, 'housing.agent3', PASSWORD)).status).toBe(401);
    expect(await handshake(server.url, before.body.token)).toBe('unauthorized');
    expect((await login(server.url, 'housing.agent3', password)).status).toBe(200);
  });

  it('set-role changes what login returns', async () => {
    ok(await admin(target, ['staff', 'set-role', 'housing.agent4', 'supervisor']));
    expect((await login(server.url, 'housing.agent4', PASSWORD)).body.staff).toMatchObject({
      role: 'supervisor',
      agencyId: 'housing',
    });

    const moved = ok(
      await admin(target, ['staff', 'set-role', 'housing.agent4', 'agent', '--agency', 'ewa']),
    );
    expect(moved.stdout).toMatch(
      /housing\.agent4 \(supervisor of housing\) is now housing\.agent4 \(agent of ewa\)/,
    );
    expect((await login(server.url, 'housing.agent4', PASSWORD)).body.staff).toMatchObject({
      role: 'agent',
      agencyId: 'ewa',
    });

    ok(await admin(target, ['staff', 'set-role', 'housing.agent4', 'callcentre']));
    expect((await login(server.url, 'housing.agent4', PASSWORD)).body.staff).toMatchObject({
      role: 'callcentre',
      agencyId: null,
    });
    const callCentre = json<{ username: string }[]>(
      await admin(target, ['staff', 'list', '--role', 'callcentre', '--json']),
    );
    expect(callCentre.map((s) => s.username)).toContain('housing.agent4');
    const audit = (await auditActions()).filter((a) => a.action === 'staff.setRole');
    expect(audit).toHaveLength(3);
    expect(JSON.parse(audit[2]?.detail ?? '{}')).toMatchObject({
      username: 'housing.agent4',
      from: { role: 'agent', agencyId: 'ewa' },
      to: { role: 'callcentre', agencyId: null },
    });
  });

  it('a policy set is what the listing shows and what a new case is due by', async () => {
    const set = json<{ after: object }>(
      await admin(target, [
        'policies',
        'set',
        '--agency',
        'housing',
        '--kind',
        'enquiry',
        '--acknowledge-hours',
        '3.5',
        '--first-response-hours',
        '14',
        '--resolution-hours',
        '21',
        '--on-transfer',
        'continue',
        '--json',
      ]),
    );
    const expected = {
      agencyId: 'housing',
      kind: 'enquiry',
      acknowledgeMinutes: 210,
      firstResponseMinutes: 840,
      resolutionMinutes: 1260,
      onTransfer: 'continue',
      source: 'stored',
    };
    expect(set.after).toEqual(expected);
    const listed = json<{ kind: string }[]>(
      await admin(target, ['policies', 'list', '--agency', 'housing', '--json']),
    );
    expect(listed).toHaveLength(3);
    expect(listed.find((p) => p.kind === 'enquiry')).toEqual(expected);

    // only the target given changes
    ok(
      await admin(target, [
        'policies',
        'set',
        '--agency',
        'housing',
        '--kind',
        'enquiry',
        '--resolution-hours',
        '28',
      ]),
    );
    const again = json<{ kind: string }[]>(
      await admin(target, ['policies', 'list', '--agency', 'housing', '--json']),
    );
    expect(again.find((p) => p.kind === 'enquiry')).toEqual({ ...expected, resolutionMinutes: 1680 });

    const response = await fetch(`${server.url}/api/intake/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel-key': 'demo-web-key' },
      body: JSON.stringify({
        kind: 'enquiry',
        agencyId: 'housing',
        citizen: { name: 'Fatima Ali', language: 'en' },
        subject: 'Queue position',
        body: 'Where is my application?',
        language: 'en',
      }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const filed = await store.db
      .selectFrom('cases')
      .select(['created_at', 'first_response_due_at', 'resolution_due_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(filed.first_response_due_at).toBe(addWorkingMinutes(filed.created_at, 840));
    expect(filed.resolution_due_at).toBe(addWorkingMinutes(filed.created_at, 1680));

    const audit = (await auditActions()).filter((a) => a.action === 'policy.set');
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({
      agencyId: 'housing',
      kind: 'enquiry',
      to: { firstResponseMinutes: 840 },
    });
  });

  it('refuses what the database contradicts with exit 2, and writes nothing', async () => {
    const snapshot = async () => ({
      staff: await store.db.selectFrom('staff').selectAll().orderBy('id').execute(),
      policies: await store.db
        .selectFrom('sla_policies')
        .selectAll()
        .orderBy('agency_id')
        .orderBy('kind')
        .execute(),
      sessions: await store.db.selectFrom('sessions').select('token_hash').orderBy('token_hash').execute(),
      audit: await store.db.selectFrom('audit').select('id').orderBy('id').execute(),
    });
    const before = await snapshot();
    const refusals: [string[], RegExp][] = [
      [
        [
          'staff',
          'add',
          '--username',
          'housing.agent1',
          '--name',
          'Again',
          '--role',
          'agent',
          '--agency',
          'housing',
        ],
        /username "housing\.agent1" is taken/,
      ],
      [
        [
          'staff',
          'add',
          '--username',
          'new.one',
          '--name',
          'New One',
          '--role',
          'agent',
          '--agency',
          'atlantis',
        ],
        /no agency "atlantis"/,
      ],
      [
        ['staff', 'set-role', 'nobody.here', 'agent', '--agency', 'housing'],
        /no staff member "nobody\.here"/,
      ],
      [
        ['staff', 'set-role', 'admin', 'supervisor'],
        /admin has no agency and the supervisor role belongs to one/,
      ],
      [['staff', 'reset-password', 'nobody.here', '--password', 'long-enough-password'], /no staff member/],
      [
        ['policies', 'set', '--agency', 'atlantis', '--kind', 'complaint', '--resolution-hours', '10'],
        /no agency "atlantis"/,
      ],
      // a first response due after the resolution: checked against the stored targets
      [
        ['policies', 'set', '--agency', 'housing', '--kind', 'complaint', '--first-response-hours', '1000'],
        /targets must not decrease/,
      ],
    ];
    for (const [args, pattern] of refusals) expectOneLineRefusal(await admin(target, args), 2, pattern);
    expect(await snapshot()).toEqual(before);
  });
});
