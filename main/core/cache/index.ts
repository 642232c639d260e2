// The desk's cache of one (server, user): opened, migrated and its named queries prepared.
import type { Database } from 'better-sqlite3';
import type { CaseWrites } from './queries/case-writes';
import type { ViewQueries } from './queries/views';
import type { SearchQueries } from './queries/search';
import type { ReferenceQueries } from './queries/reference';
import type { SyncProgressQueries } from './queries/sync-progress';
import type { CoreLogger } from '../logger';
import { markCleanClose, openCacheDatabase } from './open-cache';
import { createStatementCache } from './statement-cache';
import { createCaseWrites } from './queries/case-writes';
import { createViewQueries } from './queries/views';
import { createSearchQueries } from './queries/search';
import { createReferenceQueries } from './queries/reference';
import { createSyncProgressQueries } from './queries/sync-progress';
import { createSearchIndexState } from './search-index-state';
import { createBulkLoad } from './bulk-load';
import type { BulkLoad } from './bulk-load';
import type { SearchIndexState } from './search-index-state';

export type CacheOptions = {
  file: string;
  /** the (server, user)'s key, 64 hex digits (keys.ts cacheKeyHex) */
  keyHex: string;
  logger: CoreLogger;
  /** whether this desk still has a mutation waiting for the server on the case */
  isPending: (caseId: string) => boolean;
};

export type Cache = {
  db: Database;
  /** the file was unusable and this cache starts empty */
  rebuilt: boolean;
  cases: CaseWrites;
  views: ViewQueries;
  search: SearchQueries;
  reference: ReferenceQueries;
  /** bootstrap progress, case counts and search coverage per agency */
  syncProgress: SyncProgressQueries;
  /** whether full-text search is complete (see search-index-state.ts) */
  searchIndex: SearchIndexState;
  /** while a first bootstrap fills an empty cache (see bulk-load.ts) */
  bulkLoad: BulkLoad;
  transaction<T>(fn: () => T): T;
  close(): void;
};

export function openCache(options: CacheOptions): Cache {
  const { db, rebuilt } = openCacheDatabase(options.file, options.keyHex, options.logger);
  const statement = createStatementCache(db);
  const searchIndex = createSearchIndexState(db);
  const bulkLoad = createBulkLoad(db);
  // a load cut short (the desk was killed) leaves the indexes to be built now
  bulkLoad.end();
  return {
    db,
    rebuilt,
    cases: createCaseWrites(db, searchIndex),
    views: createViewQueries(statement, options.isPending),
    search: createSearchQueries(statement, options.isPending, searchIndex),
    reference: createReferenceQueries(db),
    syncProgress: createSyncProgressQueries(db),
    searchIndex,
    bulkLoad,
    /** Runs fn in one transaction (nested calls join the outer one). */
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
    close(): void {
      if (!db.open) return;
      db.close();
      markCleanClose(options.file);
    },
  };
}

