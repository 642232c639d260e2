// Bearer sessions. The token is random and handed out once; only its sha256 is stored.
import { createHash, randomBytes } from 'node:crypto';
import type { Staff } from '../../shared/domain';
import type { Db } from '../store/db';
import { findStaffById } from '../store/reference';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The Socket.IO room of every socket opened with one token: logging out disconnects exactly
 * those (on every node, through the adapter), not the person's other sessions.
 */
export function sessionRoom(token: string): string {
  return sessionRoomOfHash(tokenHash(token));
}

export function sessionRoomOfHash(hash: string): string {
  return `session:${hash}`;
}

export async function createSession(db: Db, staffId: string, now: number): Promise<{ token: string; expiresAt: number }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_TTL_MS;
  await db
    .insertInto('sessions')
    .values({ token_hash: tokenHash(token), staff_id: staffId, created_at: now, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

/** The active staff member a token belongs to, if the session is live. */
export async function resolveSession(db: Db, token: string, now: number): Promise<Staff | undefined> {
  return resolveSessionHash(db, tokenHash(token), now);
}

/** The same, from the stored hash a socket keeps (an open socket re-checks its session with it). */
export async function resolveSessionHash(db: Db, hash: string, now: number): Promise<Staff | undefined> {
  const session = await db
    .selectFrom('sessions')
    .select(['staff_id', 'expires_at'])
    .where('token_hash', '=', hash)
    .executeTakeFirst();
  if (session === undefined || session.expires_at <= now) return undefined;
  const staff = await findStaffById(db, session.staff_id);
  return staff?.active === true ? staff : undefined;
}

export async function revokeSession(db: Db, token: string): Promise<boolean> {
  const result = await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
