// Measures the desk cache at scale: keyset pages and search over N synthetic cases.
// `npx tsx tests/bench/core/cache-bench.ts [cases=1000000] [dir]` (builds the cache once; reuses it).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openCache } from '../../../main/core/cache/index';
import { silentLogger } from '../../../main/core/logger';
import type { Case, CaseStatus } from '../../../shared/domain';
import { formatCaseRef } from '../../../shared/domain';
import { VIEW_IDS } from '../../../shared/desk-api';

const total = Number(process.argv[2] ?? 1_000_000);
const dir = process.argv[3] ?? join(tmpdir(), `desk-bench-${total}`);
mkdirSync(dir, { recursive: true });
const file = join(dir, 'cache.sqlite');
const fresh = !existsSync(file);
const cache = openCache({ file, logger: silentLogger, isPending: () => false });

const AR_WORDS = ['إسكان', 'وحدة', 'سكنية', 'طلب', 'مستشفى', 'موعد', 'كهرباء', 'ماء', 'فاتورة', 'انقطاع', 'شارع', 'إنارة', 'مدرسة', 'تسجيل', 'رخصة', 'مرور', 'تأخير', 'شكوى', 'اقتراح', 'استفسار', 'صيانة', 'تعويض', 'إيجار', 'قرض'];
const EN_WORDS = ['housing', 'unit', 'application', 'hospital', 'appointment', 'electricity', 'water', 'bill', 'outage', 'street', 'lights', 'school', 'licence', 'traffic', 'delay', 'maintenance', 'refund', 'rent', 'loan', 'permit'];
const NAMES = ['محمد', 'أحمد', 'فاطمة', 'زينب', 'علي', 'حسن', 'مريم', 'عيسى', 'Sara', 'John', 'Layla', 'Yusuf'];
const STATUSES: CaseStatus[] = ['new', 'assigned', 'in_progress', 'awaiting_citizen', 'answered', 'closed', 'closed', 'closed', 'closed', 'reopened'];

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const words = (xs: readonly string[], n: number) => Array.from({ length: n }, () => pick(xs)).join(' ');

const NOW = Date.now();
function makeCase(n: number): Case {
  const status = pick(STATUSES);
  const ar = rand() < 0.8;
  const updatedAt = NOW - Math.floor(rand() * 365 * 86_400_000);
  return {
    id: `c${String(n).padStart(8, '0')}`,
    ref: formatCaseRef(2026, n + 1),
    kind: rand() < 0.9 ? 'complaint' : 'suggestion',
    agencyId: pick(['housing', 'health', 'ewa', 'works', 'education']),
    category: 'general',
    channel: 'app',
    citizen: { name: `${pick(NAMES)} ${pick(NAMES)}`, cpr: String(700000000 + n), phone: `+973${String(30000000 + n)}`, language: ar ? 'ar' : 'en' },
    subject: ar ? words(AR_WORDS, 4) : words(EN_WORDS, 4),
    body: ar ? words(AR_WORDS, 20) : words(EN_WORDS, 20),
    language: ar ? 'ar' : 'en',
    status,
    priority: rand() < 0.1 ? 'high' : 'normal',
    assigneeId: status === 'new' ? null : `stf-${Math.floor(rand() * 200)}`,
    createdAt: updatedAt - 86_400_000,
    updatedAt,
    acknowledgedAt: null,
    firstResponseDueAt: updatedAt + 3 * 86_400_000,
    resolutionDueAt: updatedAt + 7 * 86_400_000,
    firstRespondedAt: null,
    answeredAt: null,
    closedAt: null,
    reopenCount: 0,
    rating: null,
    outcome: null,
    tags: [],
    escalated: rand() < 0.01,
    transferredFrom: null,
    version: 1,
  };
}

if (fresh) {
  const started = Date.now();
  for (let n = 0; n < total; n += 10_000) {
    cache.transaction(() => {
      for (let i = n; i < Math.min(total, n + 10_000); i++) {
        const c = makeCase(i);
        cache.cases.writeCase(c);
        cache.cases.reindex(c.id);
      }
    });
  }
  cache.db.pragma('optimize');
  process.stdout.write(`built ${total} cases in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.95)];
}
function time(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const ctx = { selfId: 'stf-7', now: NOW };
for (const view of VIEW_IDS) {
  const samples: number[] = [];
  let after: string | null = null;
  for (let i = 0; i < 60; i++) {
    samples.push(time(() => {
      const page = cache.views.page({ view, filter: {}, after, limit: 100 }, ctx);
      after = i % 10 === 9 ? null : page.nextCursor;
    }));
  }
  process.stdout.write(`page ${view.padEnd(16)} p95 ${p95(samples).toFixed(2)} ms\n`);
}
const countsMs = time(() => cache.views.counts(ctx));
process.stdout.write(`views.counts ${countsMs.toFixed(1)} ms\n`);

const queries = ['إسكان', 'اسكان وحده', 'مستش', 'housing', 'water bi', 'محمد', 'فاطمه علي', 'TW-2026-00012345', '700012345', '+97330012345', 'زينب ترخيص', 'xyzzy', 'ص', 'موعد مستشفى تأخير'];
for (const query of queries) {
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) samples.push(time(() => cache.search.search({ query, view: 'all', filter: {}, limit: 100 }, ctx)));
  const inbox: number[] = [];
  for (let i = 0; i < 20; i++) inbox.push(time(() => cache.search.search({ query, view: 'mine', filter: {}, limit: 100 }, ctx)));
  process.stdout.write(`search ${query.padEnd(20)} all p95 ${p95(samples).toFixed(2)} ms  mine p95 ${p95(inbox).toFixed(2)} ms\n`);
}
cache.close();
