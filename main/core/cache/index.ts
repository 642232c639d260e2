// The desk's cache of one (server, user): opened, migrated and its named queries prepared.
import type { Database } from 'better-sqlite3';
import type { CaseWrites } from './queries/case-writes';
import type { ViewQueries } from './queries/views';
import type { SearchQueries } from './queries/search';
import type { ReferenceQueries } from './queries/reference';
import type { CoreLogger } from '../logger';
import { markCleanClose, openCacheDatabase } from './open-cache';
import { createStatementCache } from './statement-cache';
import { createCaseWrites } from './queries/case-writes';
import { createViewQueries } from './queries/views';
import { createSearchQueries } from './queries/search';
import { createReferenceQueries } from './queries/reference';

export type CacheOptions = {
  file: string;
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
  transaction<T>(fn: () => T): T;
  close(): void;
};

export function openCache(options: CacheOptions): Cache {
  const { db, rebuilt } = openCacheDatabase(options.file, options.logger);
  const statement = createStatementCache(db);
  return {
    db,
    rebuilt,
    cases: createCaseWrites(db),
    views: createViewQueries(statement, options.isPending),
    search: createSearchQueries(statement, options.isPending),
    reference: createReferenceQueries(db),
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

