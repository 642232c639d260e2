// POST /api/login and /api/logout. Failed logins are throttled per username and per address;
// a logout also closes the live sockets of that token, so a shared workstation's desk stops
// receiving cases the moment its user signs out.
import type { FastifyInstance } from 'fastify';
import type { LoginResponse } from '../../shared/protocol';
import { loginRequestSchema } from '../../shared/protocol';
import { hashPassword, needsRehash, verifyPassword } from '../auth/passwords';
import { createSession, revokeSession } from '../auth/sessions';
import type { LoginLimiter } from '../auth/login-limiter';
import type { Store } from '../store/db';
import { cacheSecretOf, findLogin, upgradePasswordHash } from '../store/reference';
import { describeZodIssues } from '../../shared/errors';
import { sendError } from './errors';

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(header ?? '');
  return match?.[1];
}

export function registerLoginRoutes(
  app: FastifyInstance,
  store: Store,
  limiter: LoginLimiter,
  /** called once a session is revoked, to drop the sockets opened with it */
  onLogout: (token: string) => void = () => undefined,
): void {
  // verifying against a real hash when the username is unknown keeps both answers equally slow
  const decoyHash = hashPassword('decoy password that matches nothing');

  app.post('/api/login', async (request, reply) => {
    const parsed = loginRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, { code: 'invalid_args', message: describeZodIssues(parsed.error.issues) });
    const { username, password } = parsed.data;
    const now = Date.now();
    const verdict = limiter.check(username, request.ip, now);
    if (!verdict.allowed) {
      const seconds = Math.ceil(verdict.retryAfterMs / 1000);
      void reply.header('retry-after', String(seconds));
      return sendError(reply, 429, {
        code: 'rate_limited',
        message: `too many failed logins; try again in ${seconds} s`,
        params: { retryAfterSeconds: String(seconds) },
      });
    }
    const login = await findLogin(store.db, username);
    const ok = await verifyPassword(password, login?.passwordHash ?? (await decoyHash));
    if (login === undefined || !ok || !login.staff.active) {
      limiter.recordFailure(username, request.ip, now);
      return sendError(reply, 401, { code: 'bad_credentials', message: 'wrong username or password' });
    }
    limiter.recordSuccess(username, request.ip, now);
    if (login.passwordHash !== undefined && needsRehash(login.passwordHash)) {
      // today's scrypt parameters from this login on; a failure here costs only the upgrade
      await hashPassword(password)
        .then((upgraded) => upgradePasswordHash(store.db, login.staff.id, login.passwordHash, upgraded))
        .catch((error: unknown) => request.log.warn({ err: error }, 'password hash upgrade failed'));
    }
    const session = await createSession(store.db, login.staff.id, now);
    const cacheSecret = await cacheSecretOf(store.db, login.staff.id);
    const response: LoginResponse = { token: session.token, staff: login.staff, expiresAt: session.expiresAt, cacheSecret };
    return response;
  });

  app.post('/api/logout', async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined || !(await revokeSession(store.db, token))) {
      return sendError(reply, 401, { code: 'unauthorized', message: 'no such session' });
    }
    onLogout(token);
    return { ok: true };
  });
}
