// The demo data at full scale reproduces the 2022 picture of the seed report: about 155,000
// requests over 51 agencies, Housing, the eGovernment Authority and Nationality & Passports
// above 10,000 each, seven more above 5,000, about 5,000 suggestions, about 99% answered
// within target. Built through the real command line (`npm run seed`), checked in SQL.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const dataDir = mkdtempSync(join(tmpdir(), 'tawasul-demo-totals-'));
let db: Database.Database;

const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

describe('demo data at full scale', { timeout: 180_000 }, () => {
  beforeAll(() => {
    const run = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['server/cli.ts', '--data', dataDir, '--seed', 'demo', '--seed-only'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect(run.status, run.stderr).toBe(0);
    db = new Database(join(dataDir, 'tawasul-server.sqlite'), { readonly: true });
  }, 180_000);

  afterAll(() => {
    db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('holds about 155,000 requests across 51 agencies', () => {
    expect(count('SELECT count(*) AS n FROM agencies')).toBe(51);
    expect(count('SELECT count(*) AS n FROM cases')).toBe(155_000);
    expect(count('SELECT count(DISTINCT agency_id) AS n FROM cases')).toBe(51);
  });

  it('puts Housing, the eGovernment Authority and Nationality & Passports above 10,000, seven more above 5,000', () => {
    const perAgency = new Map(
      (db.prepare('SELECT agency_id AS id, count(*) AS n FROM cases GROUP BY agency_id').all() as { id: string; n: number }[]).map((r) => [r.id, r.n]),
    );
    const above10k = [...perAgency].filter(([, n]) => n > 10_000).map(([id]) => id).sort();
    const between = [...perAgency].filter(([, n]) => n > 5_000 && n <= 10_000).map(([id]) => id).sort();
    expect(above10k).toEqual(['housing', 'iga', 'npra']);
    expect(between).toEqual(['education', 'ewa', 'health', 'labour', 'sio', 'traffic', 'works']);
  });

  it('has about 5,000 suggestions, the rest complaints and enquiries, complaints the large majority', () => {
    const suggestions = count("SELECT count(*) AS n FROM cases WHERE kind = 'suggestion'");
    const complaints = count("SELECT count(*) AS n FROM cases WHERE kind = 'complaint'");
    expect(suggestions).toBeGreaterThan(4_500);
    expect(suggestions).toBeLessThan(5_500);
    expect(complaints / 155_000).toBeGreaterThan(0.6);
  });

  it('answers about 99% of the requests already due within their first-response target', () => {
    const now = Date.now();
    const due = count('SELECT count(*) AS n FROM cases WHERE first_response_due_at <= ?', now);
    const inTime = count(
      'SELECT count(*) AS n FROM cases WHERE first_response_due_at <= ? AND first_responded_at IS NOT NULL AND first_responded_at <= first_response_due_at',
      now,
    );
    expect(due).toBeGreaterThan(100_000);
    expect(inTime / due).toBeGreaterThan(0.985);
    expect(inTime / due).toBeLessThan(0.995);
  });

  it('has the demo logins of the README', () => {
    for (const username of ['housing.agent1', 'housing.agent2', 'housing.supervisor', 'callcentre.agent1', 'admin', 'npra.agent1']) {
      expect(count('SELECT count(*) AS n FROM staff WHERE username = ?', username), username).toBe(1);
    }
  });
});
