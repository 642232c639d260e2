// Liveness (the process answers) and readiness (the database answers too).
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Store } from '../store/db';
import { sendError } from './errors';

export function registerHealthRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/health', () => ({ ok: true }));
  app.get('/api/ready', async (_request, reply) => {
    try {
      await sql`select 1`.execute(store.db);
      return { ok: true };
    } catch {
      return sendError(reply, 503, { code: 'unavailable', message: 'the database does not answer' });
    }
  });
}
