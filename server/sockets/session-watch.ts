// An open socket keeps the staff record it connected with, so a session that ends elsewhere —
// an admin deactivates the user, resets their password or changes their role (server/admin,
// another process), the session expires — must still reach it. Two checks:
// - every mutation re-reads the session first (one indexed lookup) and is refused once it is
//   gone: nothing is written by a user who may no longer write;
// - a sweep re-reads, every SESSION_CHECK_MS, the sessions of this node's sockets and
//   disconnects those whose session is gone or whose staff record changed (role, agency,
//   name): the desk reconnects, and its handshake either is refused (it signs out) or joins the
//   rooms of what the user may now see.
import type { Staff } from '../../shared/domain';
import { resolveSessionHash } from '../auth/sessions';
import type { Db } from '../store/db';
import type { CaseServer, DeskSocket } from './types';

export const SESSION_CHECK_MS = 30_000;

function sameAccess(a: Staff, b: Staff): boolean {
  return a.role === b.role && a.agencyId === b.agencyId && a.active === b.active && a.displayName === b.displayName;
}

/** The staff the socket may still act as; undefined when its session is gone. */
export async function currentStaff(db: Db, socket: DeskSocket, now: number): Promise<Staff | undefined> {
  const staff = await resolveSessionHash(db, socket.data.tokenHash, now);
  if (staff === undefined || !sameAccess(staff, socket.data.staff)) return undefined;
  return staff;
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
