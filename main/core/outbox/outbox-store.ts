// The outbox file: mutations written before anything else happens, kept until the server
// acks them. A separate SQLite file with synchronous=FULL (a mutation the user saw accepted
// must survive a crash) that is never thrown away with the cache. Encrypted at rest under the
// same (server, user) key as the cache: replies waiting to go out are citizens' data too.
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { z } from 'zod';
import { mutationNameSchema } from '../../../shared/mutations';
import type { MutationName } from '../../../shared/mutations';
import { encryptPlainDatabase, isPlainDatabase, openReadable } from '../encrypted-sqlite';
import type { CoreLogger } from '../logger';

export type StoredMutation = {
  id: string;
  name: MutationName;
  /** parsed (defaults applied) arguments */
  args: unknown;
  caseIds: string[];
  actorId: string;
  createdAt: number;
  /** not sent before this time, so an undo can still catch it */
  sendAfter: number;
  sent: boolean;
  attempts: number;
};

type OutboxRow = {
  id: string;
  name: string;
  args: string;
  case_ids: string;
  actor_id: string;
  created_at: number;
  send_after: number;
  sent: number;
  attempts: number;
};

const caseIdsSchema = z.array(z.string());

function fromRow(row: OutboxRow): StoredMutation {
  return {
    id: row.id,
    name: mutationNameSchema.parse(row.name),
    args: JSON.parse(row.args) as unknown,
    caseIds: caseIdsSchema.parse(JSON.parse(row.case_ids)),
    actorId: row.actor_id,
    createdAt: row.created_at,
    sendAfter: row.send_after,
    sent: row.sent === 1,
    attempts: row.attempts,
  };
}

const OUTBOX_SCHEMA_VERSION = 1;

export type OutboxStore = {
  add(m: StoredMutation): void;
  remove(id: string): boolean;
  get(id: string): StoredMutation | null;
  /** every waiting mutation, oldest first (the order they are sent in) */
  list(): StoredMutation[];
  markSent(id: string): void;
  /** moves a waiting mutation's first send (Send now) */
  setSendAfter(id: string, at: number): void;
  isPending(caseId: string): boolean;
  /** waiting mutations touching the case, oldest first */
  forCase(caseId: string): StoredMutation[];
  size(): number;
  close(): void;
};

/**
 * Opens the outbox under its key. A plain outbox left by a build before encryption is
 * encrypted in place, its mutations kept. One that opens neither way (the device key was
 * replaced, the file was damaged) is never deleted, since it may hold work not yet sent: it is
 * kept aside, said in the log, and an empty outbox is started.
 */
function openOutboxDatabase(file: string, keyHex: string, logger: CoreLogger): SqliteDatabase {
  const opened = openReadable(file, keyHex);
  if (opened !== null) return opened;
  if (isPlainDatabase(file)) {
    logger.info({ file }, 'encrypting an outbox written before the desk encrypted its files');
    encryptPlainDatabase(file, keyHex);
  } else {
    const aside = `${file}.unreadable-${Date.now()}`;
    logger.error({ file, aside }, 'the outbox does not open with this user\'s key; kept aside, a new one started');
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  const reopened = openReadable(file, keyHex);
  if (reopened === null) throw new Error(`cannot open the outbox at ${file}`);
  return reopened;
}

/** The outbox file's settings and its one table, created on first open. */
function prepareOutboxSchema(db: ReturnType<typeof openOutboxDatabase>): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // a new request carries the citizen's full CPR and phone until the server acks it; once it
  // leaves, its pages are zeroed rather than left free (the outbox is small, so this is cheap)
  db.pragma('secure_delete = ON');
  if ((db.pragma('user_version', { simple: true }) as number) < OUTBOX_SCHEMA_VERSION) {
    db.transaction(() => {
      db.exec(`
        CREATE TABLE IF NOT EXISTS mutations (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          args TEXT NOT NULL,
          case_ids TEXT NOT NULL,
          actor_id TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          send_after INTEGER NOT NULL,
          sent INTEGER NOT NULL DEFAULT 0,
          attempts INTEGER NOT NULL DEFAULT 0
        );
      `);
      db.pragma(`user_version = ${OUTBOX_SCHEMA_VERSION}`);
    })();
  }
}

/**
 * The outbox is small (what one person did while offline), so it is mirrored in memory: list
 * rows ask "pending?" for every case they show. The mirror follows each write rather than
 * reading the file again: a bulk's row carries 10,000 ids, parsed once, not per write.
 */
function createOutboxMirror(initial: StoredMutation[]) {
  let mutations = initial;
  const byCase = new Map<string, StoredMutation[]>();
  const index = (m: StoredMutation) => {
    for (const caseId of new Set(m.caseIds)) {
      const list = byCase.get(caseId);
      if (list === undefined) byCase.set(caseId, [m]);
      else list.push(m);
    }
  };
  for (const m of mutations) index(m);
  return {
    add(m: StoredMutation): void {
      mutations = [...mutations, m];
      index(m);
    },
    remove(id: string): void {
      const m = mutations.find((x) => x.id === id);
      if (m === undefined) return;
      mutations = mutations.filter((x) => x.id !== id);
      for (const caseId of new Set(m.caseIds)) {
        const list = byCase.get(caseId)?.filter((x) => x.id !== m.id) ?? [];
        if (list.length === 0) byCase.delete(caseId);
        else byCase.set(caseId, list);
      }
    },
    /** replaces a mutation, keeping its place (its args object too) */
    replace(id: string, change: (m: StoredMutation) => StoredMutation): void {
      const at = mutations.findIndex((m) => m.id === id);
      const old = mutations[at];
      if (old === undefined) return;
      const next = change(old);
      mutations = mutations.with(at, next);
      for (const caseId of new Set(old.caseIds)) {
        const list = byCase.get(caseId);
        if (list !== undefined) byCase.set(caseId, list.map((x) => (x.id === id ? next : x)));
      }
    },
    get: (id: string) => mutations.find((m) => m.id === id) ?? null,
    list: () => [...mutations],
    forCase: (caseId: string) => byCase.get(caseId) ?? [],
    isPending: (caseId: string) => byCase.has(caseId),
    size: () => mutations.length,
  };
}

export function openOutboxStore(file: string, keyHex: string, logger: CoreLogger): OutboxStore {
  const db = openOutboxDatabase(file, keyHex, logger);
  prepareOutboxSchema(db);
  const insert = db.prepare(
    `INSERT INTO mutations (id, name, args, case_ids, actor_id, created_at, send_after, sent, attempts)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const deleteOne = db.prepare('DELETE FROM mutations WHERE id = ?');
  const selectAll = db.prepare<[], OutboxRow>('SELECT * FROM mutations ORDER BY seq');
  const markSentStatement = db.prepare('UPDATE mutations SET sent = 1, attempts = attempts + 1 WHERE id = ?');
  const setSendAfterStatement = db.prepare('UPDATE mutations SET send_after = ? WHERE id = ?');
  /**
   * Only a new mutation must be on the disk before the desk goes on (the user saw it accepted).
   * Losing the other writes in a power cut costs nothing: a mutation whose removal is lost is
   * sent again with its id, and the server answers it from its stored result; a lost "sent"
   * mark only undercounts attempts. So they commit without waiting for the disk (the next
   * add's sync takes them along): one disk sync per mutation instead of three.
   */
  const withoutDiskSync = (write: () => void) => {
    db.pragma('synchronous = NORMAL');
    try {
      write();
    } finally {
      db.pragma('synchronous = FULL');
    }
  };
  const mirror = createOutboxMirror(selectAll.all().map(fromRow));

  return {
    add(m) {
      insert.run(m.id, m.name, JSON.stringify(m.args), JSON.stringify(m.caseIds), m.actorId, m.createdAt, m.sendAfter, m.sent ? 1 : 0, m.attempts);
      mirror.add(m);
    },
    remove(id) {
      let removed = false;
      withoutDiskSync(() => {
        removed = deleteOne.run(id).changes > 0;
      });
      mirror.remove(id);
      return removed;
    },
    get: mirror.get,
    list: mirror.list,
    markSent(id) {
      withoutDiskSync(() => markSentStatement.run(id));
      mirror.replace(id, (m) => ({ ...m, sent: true, attempts: m.attempts + 1 }));
    },
    setSendAfter(id, at) {
      withoutDiskSync(() => setSendAfterStatement.run(at, id));
      mirror.replace(id, (m) => ({ ...m, sendAfter: at }));
    },
    isPending: mirror.isPending,
    forCase: mirror.forCase,
    size: mirror.size,
    close() {
      if (db.open) db.close();
    },
  };
}
