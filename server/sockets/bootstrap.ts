// `sync.bootstrap`: a keyset-paged snapshot of an agency's cases (open ones and those closed
// in the last 90 days) with their threads. The cursor carries the seq the snapshot started
// at, so the desk pulls the feed from there once the last page is in; a change that lands
// while it pages is then seen twice at worst (the case version tells which copy is newer),
// never missed.
import { maskCase } from '../../shared/domain';
import { z } from 'zod';
import type { BootstrapPage, BootstrapRequest } from '../../shared/protocol';
import { CLOSED_RETENTION_MS } from '../../shared/protocol';
import { countSnapshot, messagesOfCases, snapshotPage } from '../store/cases';
import type { Db } from '../store/db';
import { headSeq } from '../store/feed';
import { CodedError } from '../../shared/errors';

export { CLOSED_RETENTION_MS };

const cursorSchema = z.object({
  a: z.string(),
  id: z.string().nullable(),
  s: z.number().int().nonnegative(),
  t: z.number().int().nonnegative(),
  c: z.number().int(),
});
type Cursor = z.infer<typeof cursorSchema>;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, agencyId: string): Cursor {
  try {
    const cursor = cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (cursor.a === agencyId) return cursor;
  } catch {
    // fall through: any unreadable cursor gets the same answer
  }
  throw new CodedError('invalid_args', 'the cursor does not belong to this bootstrap');
}

export async function bootstrapPage(db: Db, request: BootstrapRequest, now: number): Promise<BootstrapPage> {
  let cursor: Cursor;
  if (request.cursor === null) {
    // the seq first, then the rows: anything committed in between is in both, never in neither
    const asOfSeq = await headSeq(db, request.agencyId);
    const closedSince = now - CLOSED_RETENTION_MS;
    cursor = { a: request.agencyId, id: null, s: asOfSeq, c: closedSince, t: await countSnapshot(db, request.agencyId, closedSince) };
  } else {
    cursor = decodeCursor(request.cursor, request.agencyId);
  }
  const cases = await snapshotPage(db, request.agencyId, cursor.c, cursor.id, request.limit);
  const messages = await messagesOfCases(
    db,
    cases.map((c) => c.id),
  );
  const last = cases[cases.length - 1];
  const nextCursor = cases.length === request.limit && last !== undefined ? encodeCursor({ ...cursor, id: last.id }) : null;
  return { cases: cases.map(maskCase), messages, nextCursor, asOfSeq: cursor.s, total: cursor.t };
}
