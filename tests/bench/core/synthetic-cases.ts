// The benchmark's synthetic cases: deterministic (a fixed LCG), 80% Arabic, five agencies,
// 200 assignees, most of them closed, as a large agency's history would be. The cache built
// from them is kept between runs, so this must not change lightly (it would be rebuilt).
import type { Case, CaseStatus } from '../../../shared/domain';
import { formatCaseRef } from '../../../shared/domain';

const AR_WORDS = ['إسكان', 'وحدة', 'سكنية', 'طلب', 'مستشفى', 'موعد', 'كهرباء', 'ماء', 'فاتورة', 'انقطاع', 'شارع', 'إنارة', 'مدرسة', 'تسجيل', 'رخصة', 'مرور', 'تأخير', 'شكوى', 'اقتراح', 'استفسار', 'صيانة', 'تعويض', 'إيجار', 'قرض'];
const EN_WORDS = ['housing', 'unit', 'application', 'hospital', 'appointment', 'electricity', 'water', 'bill', 'outage', 'street', 'lights', 'school', 'licence', 'traffic', 'delay', 'maintenance', 'refund', 'rent', 'loan', 'permit'];
const NAMES = ['محمد', 'أحمد', 'فاطمة', 'زينب', 'علي', 'حسن', 'مريم', 'عيسى', 'Sara', 'John', 'Layla', 'Yusuf'];
const STATUSES: CaseStatus[] = ['new', 'assigned', 'in_progress', 'awaiting_citizen', 'answered', 'closed', 'closed', 'closed', 'closed', 'reopened'];

export const ARABIC_QUERIES = ['إسكان', 'اسكان وحده', 'مستش', 'محمد', 'فاطمه علي', 'زينب ترخيص', 'ص', 'موعد مستشفى تأخير'];
export const ENGLISH_QUERIES = ['housing', 'water bi', 'John', 'street lights', 'TW-2026-00012345', '700012345', '+97330012345', 'xyzzy'];

export function createCaseMaker(now: number): (n: number) => Case {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const words = (xs: readonly string[], n: number) => Array.from({ length: n }, () => pick(xs)).join(' ');
  return (n) => {
    const status = pick(STATUSES);
    const ar = rand() < 0.8;
    const updatedAt = now - Math.floor(rand() * 365 * 86_400_000);
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
      massGroupId: null,
      version: 1,
    };
  };
}
