// HTTP error replies: always `{error: {code, message}}` (shared/protocol.ts httpErrorSchema).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CodedError } from '../../shared/errors';
import type { ErrorCode, WireError } from '../../shared/errors';

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  invalid_args: 400,
  bad_request: 400,
  unauthorized: 401,
  bad_credentials: 401,
  bad_channel_key: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
};

export function sendError(reply: FastifyReply, status: number, error: WireError): FastifyReply {
  return reply.code(status).send({ error });
}

/** A refusal (a CodedError); lifecycle refusals (illegal transition…) are 409. */
export function sendRefusal(reply: FastifyReply, refusal: CodedError): FastifyReply {
  return sendError(reply, STATUS_OF[refusal.code] ?? 409, refusal.toWire());
}

/**
 * Fastify's router answers a malformed path (`%`) or an over-long parameter (414) by itself,
 * in its own shape, unless given this: the same `{error: {code, message}}` as everything else.
 */
export function frameworkErrors(error: unknown, _request: FastifyRequest, reply: FastifyReply): void {
  const code = (error as { code?: unknown }).code;
  // the router answers before any hook runs: the header the onSend hook adds is set here
  void reply.header('x-content-type-options', 'nosniff');
  if (code === 'FST_ERR_MAX_PARAM_LENGTH') void sendError(reply, 414, { code: 'too_large', message: 'the address is too long' });
  else void sendError(reply, 400, { code: 'bad_request', message: 'the address is not well formed' });
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, { code: 'not_found', message: `no route ${request.method} ${request.url}` }));
  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof CodedError) return sendRefusal(reply, error);
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = error instanceof Error ? error.message : 'bad request';
      const code: ErrorCode = status === 413 ? 'too_large' : status === 429 ? 'rate_limited' : 'bad_request';
      return sendError(reply, status, { code, message });
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, 500, { code: 'internal', message: 'the server could not complete this request' });
  });
}
