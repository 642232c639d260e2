// A case carries the mass-complaint group it belongs to (shared/mass.ts), so the supervisor's
// "Mass complaints" screen lists a group's cases as a filter of the inbox. The index is
// partial: most cases belong to no group. Caches of version 9 are rebuilt, not migrated
// (OLDEST_MIGRATABLE_VERSION): their rows would say "no group" for cases the server grouped.
import type { Migration } from './index';

export const migration010MassGroups: Migration = {
  version: 10,
  name: "each case's mass-complaint group",
  up: (db) => {
    db.exec(`
      ALTER TABLE cases ADD COLUMN mass_group_id TEXT;
      CREATE INDEX cases_mass_group ON cases (mass_group_id, updated_at, id) WHERE mass_group_id IS NOT NULL;
    `);
  },
};
