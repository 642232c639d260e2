// An open socket keeps the staff record it connected with, so a session that ends elsewhere —
// an admin deactivates the user, resets their password or changes their role (server/admin,
// another process), the session expires — must still reach it. Two checks:
// - every request, reads included, re-checks the session first (`SessionCheck`): an answer is
//   cached per token for SESSION_CACHE_MS, dropped at once when the session ends on any node
//   (logout: this node, and the others through the adapter's server-side events, so over Redis
//   too); a socket whose session is gone is answered `unauthorized` and dropped. A change the
//   admin CLI makes from another process is seen within SESSION_CACHE_MS (it was 30 s: 33
//   unmasked reads by a deactivated user were measured in 16 s);
// - a sweep re-reads, every SESSION_CHECK_MS, the sessions of this node's sockets and
//   disconnects those whose session is gone or whose staff record changed (role, agency,
//   name): the desk reconnects, and its handshake either is refused (it signs out) or joins the
//   rooms of what the user may now see.
import type { Staff } from '../../shared/domain';
import { resolveSessionHash } from '../auth/sessions';
import type { Db } from '../store/db';
import type { CaseServer, DeskSocket } from './types';

export const SESSION_CHECK_MS = 30_000;
/** how long a request may rely on the last check of its token's session */
export const SESSION_CACHE_MS = 1_000;

function sameAccess(a: Staff, b: Staff): boolean {
  return a.role === b.role && a.agencyId === b.agencyId && a.active === b.active && a.displayName === b.displayName;
}

/** The staff the socket may still act as; undefined when its session is gone. */
export async function currentStaff(db: Db, socket: DeskSocket, now: number): Promise<Staff | undefined> {
  const staff = await resolveSessionHash(db, socket.data.tokenHash, now);
  if (staff === undefined || !sameAccess(staff, socket.data.staff)) return undefined;
  return staff;
}

export type SessionCheck = {
  /** the staff the socket may still act as (cached briefly per token), or undefined */
  current(socket: DeskSocket, now: number): Promise<Staff | undefined>;
  /** forget what is known of this token hash's session (it ended, or its user changed) */
  forget(hash: string): void;
};

export function createSessionCheck(db: Db, cacheMs: number = SESSION_CACHE_MS): SessionCheck {
  const known = new Map<string, { staff: Staff | undefined; at: number; pending?: Promise<Staff | undefined> }>();
  async function lookup(hash: string, now: number): Promise<Staff | undefined> {
    const cached = known.get(hash);
    if (cached !== undefined && now - cached.at < cacheMs) return cached.pending ?? cached.staff;
    // requests arriving together share one lookup
    const pending = resolveSessionHash(db, hash, now);
    known.set(hash, { staff: undefined, at: now, pending });
    try {
      const staff = await pending;
      if (known.get(hash)?.pending === pending) known.set(hash, { staff, at: now });
      return staff;
    } catch (error) {
      known.delete(hash);
      throw error;
    }
  }
  return {
    async current(socket, now) {
      if (known.size > 10_000) for (const [hash, entry] of known) if (now - entry.at >= cacheMs) known.delete(hash);
      const staff = await lookup(socket.data.tokenHash, now);
      return staff !== undefined && sameAccess(staff, socket.data.staff) ? staff : undefined;
    },
    forget(hash) {
      known.delete(hash);
    },
  };
}

export type SessionWatch = { sweep(): Promise<number>; stop(): void };

export function watchSessions(
  io: CaseServer,
  db: Db,
  onError: (error: unknown) => void,
  everyMs: number = SESSION_CHECK_MS,
): SessionWatch {
  async function sweep(): Promise<number> {
    const sockets = [...io.of('/').sockets.values()];
    const byHash = new Map<string, DeskSocket[]>();
    for (const socket of sockets) {
      const list = byHash.get(socket.data.tokenHash);
      if (list === undefined) byHash.set(socket.data.tokenHash, [socket]);
      else list.push(socket);
    }
    let ended = 0;
    const now = Date.now();
    for (const [hash, group] of byHash) {
      const staff = await resolveSessionHash(db, hash, now);
      for (const socket of group) {
        if (staff !== undefined && sameAccess(staff, socket.data.staff)) continue;
        socket.disconnect(true);
        ended += 1;
      }
    }
    return ended;
  }
  const timer = setInterval(() => {
    sweep().catch(onError);
  }, everyMs);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
