// Multi-row INSERTs built as plain SQL text with bound values. Kysely's builder composes an
// operation node per value, which for a bulk mutation's 20,000 feed entries, 10,000 messages
// and 10,000 audit rows cost more than the database did (measured). Table and column names
// come from the callers' constants, never from input; every value is a bound parameter.
import { CompiledQuery } from 'kysely';
import type { Dialect, Tx } from './db';

// SQLite binds at most 32,766 values per statement, PostgreSQL 65,535
const MAX_VALUES = 30_000;

export async function insertRows<Row extends Record<string, unknown>>(
  tx: Tx,
  dialect: Dialect,
  table: string,
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_VALUES / columns.length));
  const head = `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    const parameters: unknown[] = [];
    const tuples = part.map((row) => {
      const cells = columns.map((c) => {
        parameters.push(row[c]);
        return dialect === 'postgres' ? `$${parameters.length}` : '?';
      });
      return `(${cells.join(', ')})`;
    });
    await tx.executeQuery(CompiledQuery.raw(head + tuples.join(', '), parameters));
  }
}
