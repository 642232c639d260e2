// Demo reference data: staff accounts, SLA policies and bilingual reply templates.
import type { CaseKind, SlaPolicy, Staff, Template } from '../../shared/domain';
import { CASE_KINDS } from '../../shared/domain';
import { BAHRAIN_CALENDAR, workingMinutesPerDay } from '../../shared/working-time';
import type { SeedAgency } from './agencies';
import type { Random } from './prng';
import { STAFF_FAMILY_NAMES, STAFF_FIRST_NAMES } from './vocabulary';

const DAY = workingMinutesPerDay(BAHRAIN_CALENDAR);

export function staffId(username: string): string {
  return `stf-${username}`;
}

/** Agents per agency grow with its volume: 2 for the smallest, 6 for Housing. */
export function agentCount(agency: SeedAgency): number {
  return Math.min(6, Math.max(2, Math.ceil(agency.volume2022 / 2_700)));
}

export function seedStaff(agencies: readonly SeedAgency[], random: Random): Staff[] {
  // one pick per name part, as before the Arabic names: the same seed gives the same people
  const person = () => {
    const [firstEn, firstAr] = random.pick(STAFF_FIRST_NAMES);
    const [familyEn, familyAr] = random.pick(STAFF_FAMILY_NAMES);
    return { displayName: `${firstEn} ${familyEn}`, displayNameAr: `${firstAr} ${familyAr}` };
  };
  const staff: Staff[] = [];
  const add = (username: string, role: Staff['role'], agencyId: string | null, capacity: number) =>
    staff.push({ id: staffId(username), username, ...person(), role, agencyId, languages: ['ar', 'en'], capacity, active: true });
  for (const agency of agencies) {
    for (let i = 1; i <= agentCount(agency); i++) add(`${agency.id}.agent${i}`, 'agent', agency.id, 40);
    add(`${agency.id}.supervisor`, 'supervisor', agency.id, 10);
  }
  for (let i = 1; i <= 3; i++) add(`callcentre.agent${i}`, 'callcentre', null, 0);
  add('admin', 'admin', null, 0);
  return staff;
}

export function seedSlaPolicies(agencies: readonly SeedAgency[], random: Random): SlaPolicy[] {
  const resolutionDays: Record<CaseKind, number> = { complaint: 20, suggestion: 30, enquiry: 5 };
  return agencies.flatMap((agency) =>
    CASE_KINDS.map((kind) => ({
      agencyId: agency.id,
      kind,
      acknowledgeMinutes: random.int(2, 3) * DAY,
      firstResponseMinutes: 5 * DAY,
      resolutionMinutes: resolutionDays[kind] * DAY,
      onTransfer: random.chance(0.8) ? ('restart' as const) : ('continue' as const),
    })),
  );
}

type Pair = { code: string; kinds: CaseKind[]; titleAr: string; titleEn: string; ar: string; en: string };

const NATIONAL: Pair[] = [
  {
    code: 'ack',
    kinds: ['complaint', 'suggestion', 'enquiry'],
    titleAr: 'إشعار استلام',
    titleEn: 'Acknowledgement',
    ar: 'عزيزي/عزيزتي {{citizen.name}}، نشكركم على تواصلكم مع {{agency.name}}. تم استلام طلبكم رقم {{case.ref}} وسيتم الرد عليكم في موعد أقصاه {{case.firstResponseDue}}.',
    en: 'Dear {{citizen.name}}, thank you for contacting {{agency.name}}. We have received your request {{case.ref}} and will reply by {{case.firstResponseDue}}.',
  },
  {
    code: 'more-info',
    kinds: ['complaint', 'enquiry'],
    titleAr: 'طلب معلومات إضافية',
    titleEn: 'More information needed',
    ar: 'عزيزي/عزيزتي {{citizen.name}}، لمتابعة طلبكم رقم {{case.ref}} نرجو تزويدنا بمزيد من التفاصيل والمستندات ذات العلاقة.',
    en: 'Dear {{citizen.name}}, to follow up your request {{case.ref}} please send us more details and any related documents.',
  },
  {
    code: 'resolved',
    kinds: ['complaint', 'enquiry'],
    titleAr: 'تمت المعالجة',
    titleEn: 'Resolved',
    ar: 'عزيزي/عزيزتي {{citizen.name}}، نفيدكم بأنه تمت معالجة طلبكم رقم {{case.ref}}. مع تحيات {{staff.name}}، {{agency.name}}.',
    en: 'Dear {{citizen.name}}, your request {{case.ref}} has been resolved. Regards, {{staff.name}}, {{agency.name}}.',
  },
  {
    code: 'suggestion-thanks',
    kinds: ['suggestion'],
    titleAr: 'شكر على المقترح',
    titleEn: 'Thank you for the suggestion',
    ar: 'عزيزي/عزيزتي {{citizen.name}}، نشكركم على مقترحكم رقم {{case.ref}}، وقد أحيل إلى الجهة المختصة لدراسته.',
    en: 'Dear {{citizen.name}}, thank you for your suggestion {{case.ref}}; it has been passed to the team concerned for study.',
  },
];

const AGENCY_PAIRS: Record<string, Pair[]> = {
  housing: [
    {
      code: 'housing-queue',
      kinds: ['complaint', 'enquiry'],
      titleAr: 'ترتيب طلب الإسكان',
      titleEn: 'Housing application queue',
      ar: 'عزيزي/عزيزتي {{citizen.name}}، طلبكم الإسكاني قائم وفق الأولوية الزمنية، وسيتم التواصل معكم عند التخصيص. المرجع: {{case.ref}}.',
      en: 'Dear {{citizen.name}}, your housing application stands in date order and we will contact you on allocation. Reference: {{case.ref}}.',
    },
  ],
  ewa: [
    {
      code: 'ewa-bill-review',
      kinds: ['complaint'],
      titleAr: 'مراجعة الفاتورة',
      titleEn: 'Bill review',
      ar: 'عزيزي/عزيزتي {{citizen.name}}، تمت مراجعة قراءة العداد وتعديل الفاتورة. المرجع: {{case.ref}}.',
      en: 'Dear {{citizen.name}}, the meter reading has been checked and your bill adjusted. Reference: {{case.ref}}.',
    },
  ],
  npra: [
    {
      code: 'npra-collect',
      kinds: ['complaint', 'enquiry'],
      titleAr: 'الجواز جاهز للاستلام',
      titleEn: 'Passport ready for collection',
      ar: 'عزيزي/عزيزتي {{citizen.name}}، جواز سفركم جاهز للاستلام من مركز الخدمة. المرجع: {{case.ref}}.',
      en: 'Dear {{citizen.name}}, your passport is ready for collection at the service centre. Reference: {{case.ref}}.',
    },
  ],
};

function expand(pair: Pair, agencyId: string | null): Template[] {
  const owner = agencyId ?? 'national';
  return [
    { id: `tpl-${owner}-${pair.code}-ar`, agencyId, code: pair.code, title: pair.titleAr, language: 'ar', body: pair.ar, kinds: pair.kinds, usageCount: 0 },
    { id: `tpl-${owner}-${pair.code}-en`, agencyId, code: pair.code, title: pair.titleEn, language: 'en', body: pair.en, kinds: pair.kinds, usageCount: 0 },
  ];
}

export function seedTemplates(agencies: readonly SeedAgency[]): Template[] {
  const known = new Set(agencies.map((a) => a.id));
  return [
    ...NATIONAL.flatMap((p) => expand(p, null)),
    ...Object.entries(AGENCY_PAIRS).flatMap(([agencyId, pairs]) => (known.has(agencyId) ? pairs.flatMap((p) => expand(p, agencyId)) : [])),
  ];
}
