// Mass complaints in the demo: a water cut in one area (Arabic), the eGovernment portal's
// payment page down (English), and a service centre's queue system out of order (Arabic).
// Each group is worded in one language: an Arabic and an English complaint share no words, so
// the live grouping would keep them apart too. They are filed through the same path as any arriving complaint (planCreate, which
// groups them) over the last two days, so a new supervisor finds groups on the "Mass
// complaints" screen with the counts and texts the live grouping would have given them.
import type { Channel, Language } from '../../shared/domain';
import { commitEdits } from '../mutations/commit';
import { planCreate } from '../mutations/create';
import { nextId } from '../ids';
import type { Dialect, Tx } from '../store/db';
import type { Random } from './prng';
import { FAMILY_NAMES, FIRST_NAMES } from './vocabulary';

type Wording = { language: Language; subject: string; body: string };
export type SeedMassGroup = { agencyId: string; category: string; wordings: readonly Wording[]; members: number };

const HOUR_MS = 3_600_000;

/**
 * The groups and how each citizen words it: the same complaint retyped, with and without
 * diacritics, hamza or tatweel, a greeting, another case of letters. tests/unit/shared/mass.test.ts
 * checks that every wording is near-identical to the group's first.
 */
export const SEED_MASS_GROUPS: readonly SeedMassGroup[] = [
  {
    agencyId: 'ewa',
    category: 'water',
    members: 14,
    wordings: [
      { language: 'ar', subject: 'انقطاع المياه في مدينة عيسى', body: 'انقطعت المياه عن منازل مدينة عيسى مجمع 815 منذ فجر اليوم ولا توجد أي مياه في الخزانات.' },
      { language: 'ar', subject: 'انقطاع الماء في مدينة عيسى', body: 'السلام عليكم، انقطعت المياه عن منازل مدينة عيسى مجمع 815 منذ فجر اليوم ولا توجد مياه في الخزانات.' },
      { language: 'ar', subject: 'إنقطاع المياه - مدينة عيسى', body: 'انقطعت المياه عن منازل مدينة عيسى مجمع ٨١٥ منذ فجر اليوم ولا توجد أي مياه في الخزانات نرجو الإسراع.' },
      { language: 'ar', subject: 'انقطـــاع المياه في مدينة عيسى', body: 'إنقطعت المِياه عن مَنازل مدينة عيسى مجمع 815 منذ فجر اليوم ولا توجد أي مياه في الخزانات.' },
    ],
  },
  {
    agencyId: 'iga',
    category: 'portal',
    members: 9,
    wordings: [
      { language: 'en', subject: 'eGovernment portal payment page not working', body: 'The payment page of the eGovernment portal shows an error and the fee payment fails every time I try since this morning.' },
      { language: 'en', subject: 'Portal payment page error', body: 'Hello, the payment page of the eGovernment portal shows an error and the fee payment fails every time I try.' },
      { language: 'en', subject: 'EGOVERNMENT PORTAL PAYMENT PAGE NOT WORKING', body: 'The payment page on the eGovernment portal shows an error, and the fee payment fails every time I try since this morning!' },
    ],
  },
  {
    agencyId: 'npra',
    category: 'service-centre',
    members: 7,
    wordings: [
      { language: 'ar', subject: 'تعطل نظام المواعيد في مركز خدمات المحرق', body: 'نظام المواعيد وأرقام الانتظار في مركز خدمات المحرق متعطل ولا يتم استقبال المراجعين لتجديد الجوازات.' },
      { language: 'ar', subject: 'تعطّل نظام المواعيد بمركز خدمات المحرق', body: 'نظام المواعيد وأرقام الإنتظار في مركز خدمات المحرق متعطل ولا يتم إستقبال المراجعين لتجديد الجوازات.' },
      { language: 'ar', subject: 'نظام المواعيد متعطل - مركز خدمات المحرق', body: 'السلام عليكم، نظام المواعيد وأرقام الانتظار في مركز خدمات المحرق متعطل ولا يتم استقبال المراجعين لتجديد الجوازات.' },
    ],
  },
];

const CHANNELS: readonly Channel[] = ['app', 'app', 'web', 'callcentre'];

/**
 * Files the groups' complaints, oldest first, through planCreate (grouped as they would be live)
 * and commits each with its feed entries. Returns how many cases were filed.
 */
export async function seedMassComplaints(tx: Tx, dialect: Dialect, random: Random, now: number): Promise<number> {
  let filed = 0;
  for (const group of SEED_MASS_GROUPS) {
    // the first complaint about 40 hours ago, the latest an hour ago
    const start = now - (36 + random.int(0, 8)) * HOUR_MS;
    const step = (start - (now - HOUR_MS)) / Math.max(1, group.members - 1);
    for (let i = 0; i < group.members; i++) {
      const wording = group.wordings[i % group.wordings.length] ?? group.wordings[0];
      if (wording === undefined) continue;
      const first = random.pick(FIRST_NAMES);
      const family = random.pick(FAMILY_NAMES);
      const filedAt = Math.round(start - step * i);
      const channel = random.pick(CHANNELS);
      const edits = await planCreate(
        tx,
        dialect,
        {
          caseId: nextId(filedAt),
          kind: 'complaint',
          agencyId: group.agencyId,
          category: group.category,
          channel,
          citizen: { name: `${first[wording.language]} ${family[wording.language]}`, language: wording.language },
          subject: wording.subject,
          body: wording.body,
          language: wording.language,
          priority: 'normal',
        },
        'citizen',
        filedAt,
      );
      await commitEdits(tx, dialect, edits, { staffId: 'citizen', client: `intake:${channel}`, action: 'intake.create', detail: null }, filedAt);
      filed++;
    }
  }
  return filed;
}

/** Cases the demo's mass groups take out of the requested total (none for small test seeds). */
export function seedMassCount(total: number): number {
  const count = SEED_MASS_GROUPS.reduce((n, g) => n + g.members, 0);
  return total >= MASS_SEED_MIN_CASES ? count : 0;
}

/**
 * Seeds smaller than this (the end-to-end tests' 1,500–3,000 cases) hold no mass complaints:
 * their specs count the cases of a view, and build the groups they test themselves.
 */
export const MASS_SEED_MIN_CASES = 10_000;
