// The cached statements hand Kysely rows built from arrays: they must be the very rows
// better-sqlite3 builds itself, whatever the column names, and follow a schema change.
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../../server/store/sqlite-statements';

function setup() {
  const database = new Database(':memory:');
  database.exec(`create table t (id text primary key, n integer, note text);
    insert into t values ('a', 1, null), ('b', 2, 'x');`);
  return { database, cached: withStatementCache(database) };
}

describe('SQLite statement cache', () => {
  it('reads the same rows as better-sqlite3, odd column names and repeated names included', () => {
    const { database, cached } = setup();
    for (const sql of [
      'select * from t order by id',
      `select id as "x"", y: 1}); throw 1; ({", n as "\u2028", n as "n" from t where n >= ? order by id`,
      'select t.id, u.id, u.n from t join t as u on u.id <> t.id order by t.id',
    ]) {
      const parameters = sql.includes('?') ? [1] : [];
      expect(cached.prepare(sql).all(parameters)).toEqual(database.prepare(sql).all(...parameters));
      expect([...cached.prepare(sql).iterate(parameters)]).toEqual(database.prepare(sql).all(...parameters));
    }
  });

  it('follows a schema change under the same SQL text, and still runs writes', () => {
    const { cached } = setup();
    const sql = "select * from t where id = 'b'";
    expect(cached.prepare(sql).all([])).toEqual([{ id: 'b', n: 2, note: 'x' }]);
    cached.prepare('alter table t add column extra text').run([]);
    expect(cached.prepare("update t set extra = ? where id = 'b'").run(['y']).changes).toBe(1);
    expect(cached.prepare(sql).all([])).toEqual([{ id: 'b', n: 2, note: 'x', extra: 'y' }]);
  });
});
