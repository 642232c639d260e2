// Seeds the demo: agencies, staff, SLA policies, templates and N cases with their threads, in
// ONE transaction, so an interrupted seed leaves an empty database (and the next start seeds
// again) rather than half a demo.
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Staff } from '../../shared/domain';
import { hashPassword } from '../auth/passwords';
import { insertCases, insertMessages } from '../store/cases';
import type { Store } from '../store/db';
import { isEmpty } from '../store/reference';
import { slaPolicyToRow, templateToRow } from '../store/rows';
import { loadSeedAgencies } from './agencies';
import { generateCases, policyKey } from './cases';
import { createRandom } from './prng';
import { seedSlaPolicies, seedStaff, seedTemplates } from './reference';
import { seedMassComplaints, seedMassCount } from './mass';

export const DEMO_PASSWORD = 'tawasul-demo';
export const DEMO_CASES = 155_000;
export const DEFAULT_SEED = 2022;
const BATCH = 5_000;

export type SeedOptions = {
  cases: number;
  password: string;
  logger: Logger;
  seed?: number;
  now?: number;
};

/** any fixed number: the PostgreSQL advisory lock two nodes starting on one empty database take */
const SEED_LOCK = 461_000_155;

/**
 * Seeds the demo data if the database holds none. On PostgreSQL, nodes starting at the same
 * moment on one empty database take turns under an advisory lock: the first seeds, the others
 * then find data and start as they are (without it the second failed on a duplicate key).
 * Says whether it seeded.
 */
export async function seedIfEmpty(store: Store, options: SeedOptions): Promise<boolean> {
  const seedNow = async () => {
    if (!(await isEmpty(store.db))) return false;
    await seedDemo(store, options);
    return true;
  };
  if (store.dialect !== 'postgres') return seedNow();
  return store.db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${SEED_LOCK})`.execute(connection);
    try {
      return await seedNow();
    } finally {
      await sql`SELECT pg_advisory_unlock(${SEED_LOCK})`.execute(connection);
    }
  });
}

export async function seedDemo(store: Store, options: SeedOptions): Promise<{ cases: number; staff: number }> {
  const { logger } = options;
  const random = createRandom(options.seed ?? DEFAULT_SEED);
  const now = options.now ?? Date.now();
  const agencies = loadSeedAgencies();
  const staff = seedStaff(agencies, random);
  const policies = seedSlaPolicies(agencies, random);
  const templates = seedTemplates(agencies);
  // The demo accounts share one password, so they share one salted scrypt hash: hashing
  // ~300 accounts separately would cost ~15 s of scrypt per seed for no protection gained.
  const passwordHash = await hashPassword(options.password);
  const started = performance.now();

  await store.transaction(async (tx) => {
    await tx.insertInto('agencies').values(agencies.map((a) => ({ id: a.id, name_ar: a.nameAr, name_en: a.nameEn, active: 1 }))).execute();
    await tx.insertInto('agency_seq').values(agencies.map((a) => ({ agency_id: a.id, seq: 0 }))).execute();
    await tx.insertInto('staff').values(staff.map((s) => staffRow(s, passwordHash))).execute();
    await tx.insertInto('sla_policies').values(policies.map(slaPolicyToRow)).execute();
    await tx.insertInto('templates').values(templates.map(templateToRow)).execute();

    const agentsByAgency = new Map<string, string[]>();
    const supervisorByAgency = new Map<string, string>();
    for (const s of staff) {
      if (s.agencyId === null) continue;
      if (s.role === 'agent') agentsByAgency.set(s.agencyId, [...(agentsByAgency.get(s.agencyId) ?? []), s.id]);
      if (s.role === 'supervisor') supervisorByAgency.set(s.agencyId, s.id);
    }
    let written = 0;
    let nextReport = 0.1;
    let counters = new Map<number, number>();
    for (const batch of generateCases({
      agencies,
      agentsByAgency,
      supervisorByAgency,
      policies: new Map(policies.map((p) => [policyKey(p.agencyId, p.kind), p])),
      // the demo's mass complaints are part of the total, filed last (see mass.ts)
      total: options.cases - seedMassCount(options.cases),
      now,
      random,
      batchSize: BATCH,
    })) {
      await insertCases(tx, batch.cases);
      await insertMessages(tx, batch.messages);
      counters = batch.refCounters;
      written += batch.cases.length;
      if (written / options.cases >= nextReport) {
        logger.info({ cases: written, of: options.cases }, 'seeding cases');
        nextReport += 0.1;
      }
    }
    if (counters.size > 0) {
      await tx.insertInto('ref_counters').values([...counters].map(([year, seq]) => ({ year, seq }))).execute();
    }
    if (seedMassCount(options.cases) > 0) {
      const filed = await seedMassComplaints(tx, store.dialect, random, now);
      logger.info({ cases: filed }, 'seeded mass complaints');
    }
  });
  logger.info({ cases: options.cases, staff: staff.length, ms: Math.round(performance.now() - started) }, 'demo data seeded');
  return { cases: options.cases, staff: staff.length };
}

function staffRow(s: Staff, passwordHash: string) {
  return {
    id: s.id,
    username: s.username,
    display_name: s.displayName,
    display_name_ar: s.displayNameAr ?? null,
    role: s.role,
    agency_id: s.agencyId,
    languages: JSON.stringify(s.languages),
    capacity: s.capacity,
    active: s.active ? 1 : 0,
    password_hash: passwordHash,
  };
}
