// Reference data (self, agencies, staff, templates, SLA policies) and per-agency sync state.
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { ReferenceData } from '../../../../shared/protocol';
import { agencySchema, slaPolicySchema, staffSchema, templateSchema } from '../../../../shared/domain';

const storedReferenceSchema = z.object({
  self: staffSchema,
  agencies: z.array(agencySchema),
  staff: z.array(staffSchema),
  templates: z.array(templateSchema),
  slaPolicies: z.array(slaPolicySchema),
  visibleAgencyIds: z.array(z.string()),
});

export function createReferenceQueries(db: Database) {
  const clear = ['staff', 'agencies', 'templates', 'sla_policies'].map((t) => db.prepare(`DELETE FROM ${t}`));
  const putStaff = db.prepare('INSERT INTO staff (id, json) VALUES (?, ?)');
  const putAgency = db.prepare('INSERT INTO agencies (id, json) VALUES (?, ?)');
  const putTemplate = db.prepare('INSERT INTO templates (id, json) VALUES (?, ?)');
  const putPolicy = db.prepare('INSERT INTO sla_policies (agency_id, kind, json) VALUES (?, ?, ?)');
  const putMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const allJson = (table: string) => db.prepare<[], { json: string }>(`SELECT json FROM ${table}`);
  const readStaff = allJson('staff');
  const readAgencies = allJson('agencies');
  const readTemplates = allJson('templates');
  const readPolicies = allJson('sla_policies');
  const getLastSeq = db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM sync_state WHERE agency_id = ?');
  const putLastSeq = db.prepare(
    'INSERT INTO sync_state (agency_id, last_seq) VALUES (?, ?) ON CONFLICT(agency_id) DO UPDATE SET last_seq = excluded.last_seq',
  );
  const dropAgencyState = db.prepare('DELETE FROM sync_state WHERE agency_id = ?');
  const countCases = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM cases');

  const parseAll = <T>(rows: { json: string }[], schema: z.ZodType<T>): T[] =>
    rows.map((r) => schema.parse(JSON.parse(r.json)));

  const save = db.transaction((ref: ReferenceData) => {
      for (const statement of clear) statement.run();
      for (const s of ref.staff) putStaff.run(s.id, JSON.stringify(s));
      for (const a of ref.agencies) putAgency.run(a.id, JSON.stringify(a));
      for (const t of ref.templates) putTemplate.run(t.id, JSON.stringify(t));
      for (const p of ref.slaPolicies) putPolicy.run(p.agencyId, p.kind, JSON.stringify(p));
      putMeta.run('self', JSON.stringify(ref.self));
      putMeta.run('visibleAgencyIds', JSON.stringify(ref.visibleAgencyIds));
  });

  return {
    saveReference(ref: ReferenceData): void {
      save(ref);
    },
    loadReference(): ReferenceData | null {
      const self = getMeta.get('self');
      const visible = getMeta.get('visibleAgencyIds');
      if (self === undefined || visible === undefined) return null;
      return storedReferenceSchema.parse({
        self: JSON.parse(self.value) as unknown,
        visibleAgencyIds: JSON.parse(visible.value) as unknown,
        staff: parseAll(readStaff.all(), staffSchema),
        agencies: parseAll(readAgencies.all(), agencySchema),
        templates: parseAll(readTemplates.all(), templateSchema),
        slaPolicies: parseAll(readPolicies.all(), slaPolicySchema),
      });
    },
    /** null: this agency was never bootstrapped into this cache */
    lastSeq(agencyId: string): number | null {
      return getLastSeq.get(agencyId)?.last_seq ?? null;
    },
    setLastSeq(agencyId: string, seq: number): void {
      putLastSeq.run(agencyId, seq);
    },
    forgetAgency(agencyId: string): void {
      dropAgencyState.run(agencyId);
    },
    caseCount(): number {
      return countCases.get()?.n ?? 0;
    },
  };
}

export type ReferenceQueries = ReturnType<typeof createReferenceQueries>;
