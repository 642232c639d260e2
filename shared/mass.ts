// Mass complaints: many citizens filing near-identical complaints about one cause (a water cut
// in an area, an office's system outage) within a short time. The server groups them as they
// arrive (server/mass/grouping.ts); the supervisor answers a group at once. What "near-
// identical" means is here, pure, so a unit test pins it down in both languages:
//
// - the text (subject and body) is folded with the shared Arabic normalisation, split into
//   words, stripped of the Arabic article and its attached prepositions (ال، وال، بال، كال، فال،
//   لل), and short words and stop words of both languages are dropped: the word set left is the
//   complaint's signature;
// - two complaints are near-identical when the Jaccard overlap of their signatures is at least
//   MASS_SIMILARITY (0.6: the same complaint retyped with another spelling, a greeting or a
//   sentence more stays above it; two complaints of one area about different things measured
//   0.1–0.3 in tests/unit/shared/mass.test.ts);
// - candidates are found by MinHash keys of the signature, an indexed lookup, never a scan of
//   the agency's recent cases. A key is a band of two MinHash values, so two signatures share
//   a band with probability J²: with MASS_MINHASH_BANDS = 12, a pair at 0.6 shares at least
//   one key with probability 1 − (1 − 0.36)¹² ≈ 0.995 (0.97 at 0.5, 0.9997 at 0.7), while
//   unrelated complaints rarely do (single values as keys match whenever one common word is
//   the lowest in both). The exact overlap is then computed on the few candidates found.
import { z } from 'zod';
import { normalizeForSearch } from './arabic';
import { agencyIdSchema, epochMsSchema, idSchema, languageSchema } from './domain';

/**
 * How far back a new complaint looks for its twins: 72 hours covers an outage reported over
 * a long weekend (Friday, Saturday) and is short enough that a recurring problem next month
 * starts a group of its own.
 */
export const MASS_WINDOW_MS = 72 * 60 * 60 * 1000;
/** Jaccard overlap of two signatures at or above which two complaints are one subject. */
export const MASS_SIMILARITY = 0.6;
/** A group forms when its second member arrives (a single complaint is no mass complaint). */
export const MASS_MIN_MEMBERS = 2;
/**
 * Content words a signature needs before it is compared at all. A short complaint ("تسرب مياه
 * في السقف منذ أسبوع": leak, water, roof, week) fits many unrelated citizens' own problems;
 * one about a shared cause names the place or the service too, and has five and more.
 */
export const MASS_MIN_WORDS = 5;
/** The longest signature kept: a long letter is compared on its first distinct words. */
export const MASS_MAX_WORDS = 80;
/** keys per signature: bands of MASS_MINHASH_ROWS MinHash values each */
export const MASS_MINHASH_BANDS = 12;
export const MASS_MINHASH_ROWS = 2;
/** How many candidate cases one arrival compares itself with at most. */
export const MASS_CANDIDATE_LIMIT = 200;

const ARABIC_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const MIN_WORD_LENGTH = 3;

/** Words that say nothing about the subject, in both languages (folded like the text). */
const STOP_WORDS_TEXT = [
  // English
  'the and for with from this that these those have has had are was were been being our your their they them',
  'there here about into onto over under any all can could will would should please dear sir madam also very',
  'still today yesterday since not but who what when where which how why its his her him she you out off too',
  'than then just only more most some such again area complaint complain regarding hello thank thanks kindly one',
  // Arabic (written as typed; folded below)
  'هذا هذه ذلك تلك التي الذي الذين منذ عند عن مع كان كانت يكون لقد قد ان إن أن او أو ثم كل بعد قبل حتى لم لن لا ما',
  'هو هي هم نحن انا أنا يوجد تم إلى الى على علي غير حيث بين ايضا أيضا يرجى نرجو الرجاء شكرا السلام عليكم تحية',
  'وبعد المحترم المحترمين الكرام لدي لدينا عندنا منطقتنا منطقة شكوى اليوم امس أمس حاليا جدا فقط بسبب بخصوص',
  'ولا ولم وقد توجد يتم تتم',
].join(' ');

/** A word with the Arabic article (and a preposition fused to it) taken off, when enough is left. */
function stripArticle(word: string): string {
  for (const prefix of ARABIC_PREFIXES) {
    if (word.startsWith(prefix) && word.length - prefix.length >= MIN_WORD_LENGTH - 1) return word.slice(prefix.length);
  }
  return word;
}

function words(text: string): string[] {
  return normalizeForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

const STOP_WORDS: ReadonlySet<string> = new Set(words(STOP_WORDS_TEXT).flatMap((w) => [w, stripArticle(w)]));

/**
 * The signature of a complaint: its distinct content words, folded, sorted. Empty or short
 * signatures (below MASS_MIN_WORDS) are not grouped.
 */
export function massSignature(subject: string, body: string): string[] {
  const kept = new Set<string>();
  for (const raw of words(`${subject}\n${body}`)) {
    if (STOP_WORDS.has(raw)) continue;
    const word = stripArticle(raw);
    if (word.length < MIN_WORD_LENGTH || STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
    kept.add(word);
    if (kept.size >= MASS_MAX_WORDS) break;
  }
  return [...kept].sort();
}

/** |a ∩ b| / |a ∪ b| of two signatures (0 when both are empty). */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  const small = a.length <= b.length ? a : b;
  const large = new Set(a.length <= b.length ? b : a);
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared / (a.length + b.length - shared);
}

export function nearIdentical(a: readonly string[], b: readonly string[]): boolean {
  return a.length >= MASS_MIN_WORDS && b.length >= MASS_MIN_WORDS && jaccard(a, b) >= MASS_SIMILARITY;
}

/**
 * The i-th of the independent hash functions of a word: FNV-1a over the function's number and
 * the word's UTF-16 units, then the murmur3 finaliser. Stable across processes, engines and
 * restarts.
 */
function wordHash(word: string, fn: number): number {
  let h = 0x811c9dc5;
  h ^= fn + 1;
  h = Math.imul(h, 0x01000193);
  h ^= 0x1f; // a separator no word unit equals after the number
  h = Math.imul(h, 0x01000193);
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The MinHash keys of a signature, one per band: `band:min.min…` over the band's hash
 * functions. Two signatures share a band's key with probability J^MASS_MINHASH_ROWS, J their
 * Jaccard overlap. Empty for a signature too short to group.
 */
export function massKeys(signature: readonly string[]): string[] {
  if (signature.length < MASS_MIN_WORDS) return [];
  const keys: string[] = [];
  for (let band = 0; band < MASS_MINHASH_BANDS; band++) {
    const mins: string[] = [];
    for (let row = 0; row < MASS_MINHASH_ROWS; row++) {
      let min = 0xffffffff;
      for (const word of signature) min = Math.min(min, wordHash(word, band * MASS_MINHASH_ROWS + row));
      mins.push(min.toString(36));
    }
    keys.push(`${band}:${mins.join('.')}`);
  }
  return keys;
}

// ---- what supervisors are shown (`massGroups.list`) ----

export const massGroupSchema = z.object({
  id: idSchema,
  agencyId: agencyIdSchema,
  /** the first complaint's subject and the start of its text: what the group is about */
  subject: z.string(),
  excerpt: z.string(),
  language: languageSchema,
  memberCount: z.number().int().nonnegative(),
  /** members the agency still owes an answer */
  openCount: z.number().int().nonnegative(),
  firstFiledAt: epochMsSchema,
  lastFiledAt: epochMsSchema,
  /** the case whose public answer reaches every open member; null until one is linked */
  masterCaseId: idSchema.nullable(),
  masterRef: z.string().nullable(),
});
export type MassGroup = z.infer<typeof massGroupSchema>;

/** Groups with open members first, then the latest; at most this many per request. */
export const MASS_GROUPS_LIMIT = 200;

export const massGroupsRequestSchema = z.object({
  /** omitted: every agency the supervisor may see */
  agencyIds: z.array(agencyIdSchema).min(1).max(100).optional(),
  /** also groups whose members have all been answered (default: only groups with open members) */
  includeAnswered: z.boolean().default(false),
});
export type MassGroupsRequest = z.input<typeof massGroupsRequestSchema>;

export const massGroupsResultSchema = z.object({ asOf: epochMsSchema, groups: z.array(massGroupSchema) });
export type MassGroupsResult = z.infer<typeof massGroupsResultSchema>;

/** The excerpt of a complaint's body a group shows. */
export const MASS_EXCERPT_LENGTH = 280;
