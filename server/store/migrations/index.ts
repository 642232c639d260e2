// The migrations in order. Each is one small file; Kysely's Migrator runs each in its own
// transaction and refuses to run them out of order.
import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001_initial';

export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
