// The migrations in order. Each is one small file; Kysely's Migrator runs each in its own
// transaction and refuses to run them out of order.
import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001_initial';
import * as statsAndIntakeKeys from './0002_stats_and_intake_keys';
import * as snapshotIndexes from './0003_snapshot_indexes';
import * as staffCacheSecret from './0004_staff_cache_secret';
import * as templateArchive from './0005_template_archive';
import * as supervision from './0006_supervision';
import * as staffArabicNames from './0007_staff_arabic_names';
import * as massGroups from './0008_mass_groups';

export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_stats_and_intake_keys': statsAndIntakeKeys,
  '0003_snapshot_indexes': snapshotIndexes,
  '0004_staff_cache_secret': staffCacheSecret,
  '0005_template_archive': templateArchive,
  '0006_supervision': supervision,
  '0007_staff_arabic_names': staffArabicNames,
  '0008_mass_groups': massGroups,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
