// `sync.bootstrap`: a keyset-paged snapshot of an agency's cases (open ones and those closed
// in the last 90 days) with their threads. The cursor carries the seq the snapshot started
// at, so the desk pulls the feed from there once the last page is in; a change that lands
// while it pages is then seen twice at worst (the case version tells which copy is newer),
// never missed.
//
// A page is read in slices of SLICE_CASES that yield to the event loop between them, and at
// most PAGES_AT_ONCE pages are read at a time on a node: on SQLite every read is synchronous,
// and a call-centre login asking for 51 agencies' pages together held this node's loop for
// 4–5 s (every other desk waited). A slice of 250 cases with its threads is a few ms.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { maskCase } from '../../shared/domain';
import { z } from 'zod';
import type { BootstrapPage, BootstrapRequest } from '../../shared/protocol';
import { CLOSED_RETENTION_MS } from '../../shared/protocol';
import { countSnapshot, messagesOfCases, snapshotPage } from '../store/cases';
import type { Db } from '../store/db';
import { headSeq } from '../store/feed';
import { CodedError } from '../../shared/errors';

export { CLOSED_RETENTION_MS };

const SLICE_CASES = 250;
const PAGES_AT_ONCE = 2;

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

/** Pages being read on this node, and those waiting their turn (first come, first served). */
const gate = { reading: 0, waiting: [] as (() => void)[] };

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (gate.reading >= PAGES_AT_ONCE) await new Promise<void>((resolve) => gate.waiting.push(resolve));
  else gate.reading += 1;
  try {
    return await work();
  } finally {
    const next = gate.waiting.shift();
    if (next === undefined) gate.reading -= 1;
    else next(); // the turn passes on: `reading` stays as it is
  }
}

export async function bootstrapPage(db: Db, request: BootstrapRequest, now: number): Promise<BootstrapPage> {
  return inTurn(async () => {
    let cursor: Cursor;
    if (request.cursor === null) {
      // the seq first, then the rows: anything committed in between is in both, never in neither
      const asOfSeq = await headSeq(db, request.agencyId);
      const closedSince = now - CLOSED_RETENTION_MS;
      cursor = { a: request.agencyId, id: null, s: asOfSeq, c: closedSince, t: await countSnapshot(db, request.agencyId, closedSince) };
    } else {
      cursor = decodeCursor(request.cursor, request.agencyId);
    }
    const page: BootstrapPage = { cases: [], messages: [], nextCursor: null, asOfSeq: cursor.s, total: cursor.t };
    let afterId = cursor.id;
    while (page.cases.length < request.limit) {
      await yieldToLoop();
      const want = Math.min(SLICE_CASES, request.limit - page.cases.length);
      const slice = await snapshotPage(db, request.agencyId, cursor.c, afterId, want);
      if (slice.length === 0) break;
      await yieldToLoop();
      page.messages.push(...(await messagesOfCases(db, slice.map((c) => c.id))));
      page.cases.push(...slice);
      afterId = slice[slice.length - 1].id;
      if (slice.length < want) break;
    }
    if (page.cases.length === request.limit && afterId !== null) page.nextCursor = encodeCursor({ ...cursor, id: afterId });
    return { ...page, cases: page.cases.map(maskCase) };
  });
}
