// What the server pushes to desks' rooms: change-feed batches after a commit, `reference.changed`
// after reference data changed, and a `head` every HEAD_INTERVAL_MS so an idle desk notices a
// change it missed (a broadcast lost in a reconnect) and pulls.
import type { Logger } from 'pino';
import type { ChangesEvent } from '../../shared/protocol';
import { HEAD_INTERVAL_MS, rooms } from '../../shared/protocol';
import type { Db } from '../store/db';
import { allHeadSeqs } from '../store/feed';
import type { CaseServer } from './types';

/** A broadcast larger than this is sent as several contiguous `changes` events. */
export const CHANGES_PER_EVENT = 1_000;

export function broadcastChanges(io: CaseServer, events: readonly ChangesEvent[]): void {
  for (const event of events) {
    for (let i = 0; i < event.changes.length; i += CHANGES_PER_EVENT) {
      const changes = event.changes.slice(i, i + CHANGES_PER_EVENT);
      const fromSeq = changes[0]?.seq ?? event.fromSeq;
      const toSeq = changes[changes.length - 1]?.seq ?? event.toSeq;
      io.to(rooms.agency(event.agencyId)).emit('changes', { agencyId: event.agencyId, fromSeq, toSeq, changes });
    }
  }
}

/** after a commit: the desks of the agency (national: every desk, on every node) refetch reference data */
export function announceReferenceChanged(io: CaseServer, agencyId: string | null): void {
  if (agencyId === null) io.emit('reference.changed', {});
  else io.to(rooms.agency(agencyId)).emit('reference.changed', {});
}

/** Sends each agency's head seq to its room, if sockets of this node are in it; returns a stop. */
export function startHeadBeat(io: CaseServer, db: Db, logger: Logger): () => void {
  const timer = setInterval(() => {
    allHeadSeqs(db).then(
      (heads) => {
        const local = io.of('/').adapter.rooms;
        for (const [agencyId, seq] of heads) {
          const room = rooms.agency(agencyId);
          if (local.has(room)) io.to(room).emit('head', { agencyId, seq });
        }
      },
      (error: unknown) => logger.warn({ err: error }, 'head broadcast failed'),
    );
  }, HEAD_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
