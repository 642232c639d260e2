// The case table: every Case field as a column so views filter and sort on indexed columns,
// plus derived columns (is_open, ref_number, tags_key, search_text) that queries rely on.
import type { Migration } from './index';

export const migration001Cases: Migration = {
  version: 1,
  name: 'cases and threads',
  up: (db) => {
    db.exec(`
      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        ref TEXT NOT NULL,
        ref_number INTEGER NOT NULL,
        kind TEXT NOT NULL,
        agency_id TEXT NOT NULL,
        category TEXT NOT NULL,
        channel TEXT NOT NULL,
        citizen_name TEXT NOT NULL,
        citizen_cpr TEXT,
        citizen_phone TEXT,
        citizen_phone_digits TEXT,
        citizen_email TEXT,
        citizen_language TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        language TEXT NOT NULL,
        status TEXT NOT NULL,
        is_open INTEGER NOT NULL,
        priority TEXT NOT NULL,
        assignee_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        acknowledged_at INTEGER,
        first_response_due_at INTEGER NOT NULL,
        resolution_due_at INTEGER NOT NULL,
        first_responded_at INTEGER,
        answered_at INTEGER,
        closed_at INTEGER,
        reopen_count INTEGER NOT NULL,
        rating INTEGER,
        outcome TEXT,
        tags TEXT NOT NULL,
        tags_key TEXT NOT NULL,
        escalated INTEGER NOT NULL,
        transferred_from TEXT,
        version INTEGER NOT NULL,
        search_text TEXT NOT NULL
      );
      -- keyset order is (updated_at DESC, id DESC); each view's equality columns lead its index
      CREATE INDEX cases_all ON cases (updated_at, id);
      CREATE INDEX cases_open ON cases (is_open, updated_at, id);
      CREATE INDEX cases_status ON cases (status, updated_at, id);
      CREATE INDEX cases_assignee ON cases (assignee_id, is_open, updated_at, id);
      CREATE INDEX cases_escalated ON cases (escalated, is_open, updated_at, id);
      CREATE INDEX cases_due ON cases (is_open, resolution_due_at);
      CREATE INDEX cases_agency ON cases (agency_id, updated_at, id);
      CREATE UNIQUE INDEX cases_ref ON cases (ref);
      CREATE INDEX cases_ref_number ON cases (ref_number);
      CREATE INDEX cases_cpr ON cases (citizen_cpr) WHERE citizen_cpr IS NOT NULL;
      CREATE INDEX cases_phone ON cases (citizen_phone_digits) WHERE citizen_phone_digits IS NOT NULL;

      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL,
        author TEXT NOT NULL,
        kind TEXT NOT NULL,
        body TEXT NOT NULL,
        meta TEXT,
        created_at INTEGER NOT NULL,
        -- set while the message is this desk's prediction, waiting for the server
        pending_mutation_id TEXT
      );
      CREATE INDEX messages_case ON messages (case_id, created_at, id);
      CREATE INDEX messages_pending ON messages (pending_mutation_id) WHERE pending_mutation_id IS NOT NULL;

      -- the server's version of a case while this desk has predictions on top of it;
      -- json NULL: the case does not exist on the server yet (a pending case.create)
      CREATE TABLE case_base (id TEXT PRIMARY KEY, json TEXT);

      CREATE TABLE staff (id TEXT PRIMARY KEY, json TEXT NOT NULL);
      CREATE TABLE agencies (id TEXT PRIMARY KEY, json TEXT NOT NULL);
      CREATE TABLE templates (id TEXT PRIMARY KEY, json TEXT NOT NULL);
      CREATE TABLE sla_policies (agency_id TEXT NOT NULL, kind TEXT NOT NULL, json TEXT NOT NULL,
        PRIMARY KEY (agency_id, kind));
      CREATE TABLE sync_state (agency_id TEXT PRIMARY KEY, last_seq INTEGER NOT NULL);
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  },
};
