// Headers every HTTP answer of the case server carries. `nosniff`: a browser never reads a JSON
// error as a script or a page. Nothing a login or logout answers (token, cache secret) may be
// kept by a cache between the desk and the server, so those are `no-store`.
import type { FastifyInstance } from 'fastify';

const NEVER_STORED = new Set(['/api/login', '/api/logout']);

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
    const path = request.url.split('?', 1)[0] ?? '';
    if (NEVER_STORED.has(path)) void reply.header('cache-control', 'no-store');
  });
}
