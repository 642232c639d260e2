// Numbered migrations of the cache, applied in order, each in one transaction that also
// moves `user_version`, so a crash leaves the schema at a whole version.
import type { Database } from 'better-sqlite3';
import { migration001Cases } from './001-cases';
import { migration002Search } from './002-search';
import { migration003OpenDueIndex } from './003-open-due-index';
import { migration004MovedCases } from './004-moved-cases';
import { migration005ClosedIndex } from './005-closed-index';
import { migration006StableSearchRows } from './006-stable-search-rows';
import { migration007SearchPrefixes } from './007-search-prefixes';
import { migration008BootstrapProgress } from './008-bootstrap-progress';
import { migration009MaskedCitizens } from './009-masked-citizens';
import { migration010MassGroups } from './010-mass-groups';

export type Migration = { version: number; name: string; up: (db: Database) => void };

export const CACHE_MIGRATIONS: readonly Migration[] = [
  migration001Cases,
  migration002Search,
  migration003OpenDueIndex,
  migration004MovedCases,
  migration005ClosedIndex,
  migration006StableSearchRows,
  migration007SearchPrefixes,
  migration008BootstrapProgress,
  migration009MaskedCitizens,
  migration010MassGroups,
];
export const CACHE_SCHEMA_VERSION = CACHE_MIGRATIONS.length;
/**
 * Caches older than this are not migrated but rebuilt from the server (the cache is
 * disposable). Raise it when a migration would be slower than a re-bootstrap, or when an
 * older cache holds what this build must not keep (9: citizens' numbers in full), or lacks
 * what the server never sends again (10: each case's mass-complaint group).
 */
export const OLDEST_MIGRATABLE_VERSION = 10;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies the migrations above `from` up to `to` (default: all), one transaction each. */
export function migrate(db: Database, to: number = CACHE_SCHEMA_VERSION): void {
  for (const migration of CACHE_MIGRATIONS) {
    if (migration.version > to) break;
    const current = schemaVersion(db);
    if (migration.version <= current) continue;
    if (migration.version !== current + 1) {
      throw new Error(`cache migration ${migration.version} cannot follow version ${current}`);
    }
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
