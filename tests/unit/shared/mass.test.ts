// What "near-identical" means for mass complaints (shared/mass.ts): the same complaint typed
// with any of the Arabic spelling variants, diacritics or tatweel, or in another letter case
// and punctuation, has the same signature; a retyped complaint with a greeting or a sentence
// more stays above the 0.6 threshold; different complaints of the same area stay below it.
import { describe, expect, it } from 'vitest';
import { capability } from '../../../shared/capabilities';
import { decide } from '../../../shared/lifecycle';
import { MASS_MINHASH_BANDS, MASS_SIMILARITY, jaccard, massKeys, massSignature, nearIdentical } from '../../../shared/mass';
import { SEED_MASS_GROUPS } from '../../../server/seed/mass';
import { T0, makeCase } from './case-fixture';

const sig = (text: string) => massSignature(text, '');

describe('a complaint’s signature', () => {
  it('is the same whatever alef, ta marbuta, alef maqsura, diacritics or tatweel the citizen typed', () => {
    const plain = sig('انقطاع المياه في مدينة عيسى منذ الصباح والمستشفى بلا ماء');
    expect(sig('إنقطاع المياه في مدينة عيسى منذ الصباح والمستشفي بلا ماء')).toEqual(plain);
    expect(sig('انقطاع المياة في مدينه عيسي منذ الصباح والمستشفى بلا ماء')).toEqual(plain);
    expect(sig('اِنْقِطَاعُ المِيَاهِ في مَدِينَةِ عِيسَى منذ الصَّبَاح والمستشفى بلا ماء')).toEqual(plain);
    expect(sig('انقطـــاع الميـاه في مدينة عيســى منذ الصباح والمستشفى بلا ماء')).toEqual(plain);
    expect(sig('آنقطاع المياه في مدينة عيسى منذ الصباح والمستشفى بلا ماء')).toEqual(plain);
  });

  it('drops the article and its fused prepositions, so الماء, والماء and بالماء are one word', () => {
    expect(sig('الماء الكهرباء')).toEqual(sig('ماء كهرباء'));
    expect(sig('والماء بالكهرباء')).toEqual(sig('ماء كهرباء'));
  });

  it('ignores letter case and punctuation in English', () => {
    const plain = sig('The eGovernment portal payment page shows an error');
    expect(sig('THE EGOVERNMENT PORTAL PAYMENT PAGE SHOWS AN ERROR!!!')).toEqual(plain);
    expect(sig('the e-government portal; payment page... shows an error?')).not.toEqual([]);
    expect(sig('The eGovernment portal, payment page: shows an error.')).toEqual(plain);
  });

  it('keeps no stop words or short words of either language, and no bare numbers', () => {
    expect(sig('the and for with هذا في من على 12 ٣٤ ok')).toEqual([]);
    expect(sig('Water cut in block 815')).toEqual(['block', 'cut', 'water']);
  });

  it('has no MinHash keys when it is too short to group anything', () => {
    expect(massKeys(sig('no water'))).toEqual([]);
    expect(massKeys(sig('water cut since morning'))).toEqual([]);
    expect(massKeys(sig('تسرب مياه في السقف منذ أسبوع'))).toEqual([]);
    expect(massKeys(sig('no water in Riffa since dawn, tanks empty'))).toHaveLength(MASS_MINHASH_BANDS);
  });

  it('gives identical signatures identical keys, in any process (no random seed)', () => {
    const words = sig('انقطاع المياه في مدينة عيسى مجمع 815');
    expect(massKeys(words)).toEqual(massKeys([...words]));
    expect(massKeys(words).every((k) => /^\d+:[0-9a-z]+\.[0-9a-z]+$/.test(k))).toBe(true);
  });
});

describe('near-identical complaints (Jaccard ≥ 0.6)', () => {
  const cut = massSignature('انقطاع المياه في مدينة عيسى', 'انقطعت المياه عن منازل مدينة عيسى مجمع 815 منذ فجر اليوم ولا توجد أي مياه في الخزانات.');

  it('holds the same complaint retyped with a greeting and a plea added', () => {
    const retyped = massSignature('انقطاع الماء في مدينة عيسى', 'السلام عليكم، انقطعت المياه عن منازل مدينة عيسى مجمع 815 منذ فجر اليوم ولا توجد مياه في الخزانات نرجو الإسراع.');
    expect(jaccard(cut, retyped)).toBeGreaterThanOrEqual(MASS_SIMILARITY);
    expect(nearIdentical(cut, retyped)).toBe(true);
  });

  it('leaves out a different complaint about the same area', () => {
    const streetLights = massSignature('إنارة الشارع معطلة في مدينة عيسى', 'أعمدة الإنارة في شارع مجمع 815 بمدينة عيسى مطفأة منذ أسبوع والطريق مظلم ليلًا.');
    expect(jaccard(cut, streetLights)).toBeLessThan(0.35);
    expect(nearIdentical(cut, streetLights)).toBe(false);
  });

  it('leaves out two English complaints to the same agency about different things', () => {
    const portal = massSignature('eGovernment portal payment page not working', 'The payment page of the eGovernment portal shows an error and the fee payment fails.');
    const ekey = massSignature('Cannot activate my eKey', 'I try to activate my eKey but the verification message never arrives.');
    expect(jaccard(portal, ekey)).toBeLessThan(0.2);
  });

  it('is symmetric and 1 for the same signature', () => {
    const other = sig('water cut block 815 since dawn tanks empty');
    expect(jaccard(cut, other)).toBe(jaccard(other, cut));
    expect(jaccard(cut, cut)).toBe(1);
    expect(jaccard([], [])).toBe(0);
  });

  it('covers every wording of the demo’s mass groups, so the seed forms one group each', () => {
    for (const group of SEED_MASS_GROUPS) {
      const first = group.wordings[0];
      if (first === undefined) throw new Error('a seed group without wording');
      const base = massSignature(first.subject, first.body);
      for (const w of group.wordings) {
        expect(nearIdentical(base, massSignature(w.subject, w.body)), `${group.agencyId}: ${w.subject}`).toBe(true);
      }
    }
  });
});

describe('the mass-complaint commands of the lifecycle', () => {
  const member = makeCase({ massGroupId: 'grp-1', status: 'new', assigneeId: null });

  it('a group reply takes a case nobody holds for the actor, then answers it, in one decision', () => {
    const d = decide(member, { type: 'groupReply', body: 'The water is back.', final: true }, { now: T0, actorId: 'sup-1' });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.patch).toMatchObject({ assigneeId: 'sup-1', status: 'answered', answeredAt: T0, firstRespondedAt: T0, version: member.version + 1 });
    expect(d.messages.map((m) => m.kind === 'event' ? m.body : m.kind)).toEqual(['assigned', 'reply', 'answered']);
  });

  it('a group reply keeps the assignee a case already has', () => {
    const held = { ...member, status: 'in_progress' as const, assigneeId: 'agent-7' };
    const d = decide(held, { type: 'groupReply', body: 'Fixed.', final: true }, { now: T0, actorId: 'sup-1' });
    expect(d.ok && d.patch.assigneeId).toBe(undefined);
    expect(d.ok && d.patch.status).toBe('answered');
  });

  it('refuses a case of no group, and an answered one', () => {
    const alone = decide(makeCase(), { type: 'groupReply', body: 'x', final: true }, { now: T0, actorId: 'sup-1' });
    expect(alone).toMatchObject({ ok: false, code: 'not_in_mass_group' });
    const answered = decide({ ...member, status: 'answered', assigneeId: 'a' }, { type: 'groupReply', body: 'x', final: true }, { now: T0, actorId: 'sup-1' });
    expect(answered).toMatchObject({ ok: false, code: 'illegal_transition' });
    expect(decide(makeCase(), { type: 'setMassMaster' }, { now: T0, actorId: 'sup-1' })).toMatchObject({ ok: false, code: 'not_in_mass_group' });
  });

  it('making a master records it in the thread', () => {
    const d = decide(member, { type: 'setMassMaster' }, { now: T0, actorId: 'sup-1' });
    expect(d).toMatchObject({ ok: true, messages: [{ kind: 'event', body: 'mass_master_set', meta: { group: 'grp-1' } }] });
  });

  it('only supervisors and admins see the screen and link a master; the group reply is a bulk (manager) action', () => {
    for (const action of ['screen.mass', 'case.setMassMaster', 'bulk.groupReply'] as const) {
      expect(capability({ role: 'supervisor', active: true }, action).allowed).toBe(true);
      expect(capability({ role: 'admin', active: true }, action).allowed).toBe(true);
      expect(capability({ role: 'agent', active: true }, action)).toEqual({ allowed: false, reason: 'supervisorsOnly' });
      expect(capability({ role: 'callcentre', active: true }, action).allowed).toBe(false);
    }
  });
});
