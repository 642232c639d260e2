// The intake API the citizen app and portal call, authenticated by a per-channel key in the
// `x-channel-key` header. Filing a request takes an optional `Idempotency-Key` header, so an
// app that retries after a dropped connection does not file the same complaint twice.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Channel } from '../../shared/domain';
import { CASE_REF_PATTERN } from '../../shared/domain';
import type { ChangesEvent } from '../../shared/protocol';
import type { IdempotencyKey } from '../mutations/citizen';
import {
  citizenCommand,
  createFromIntake,
  intakeMessageSchema,
  intakeRatingSchema,
  intakeReopenSchema,
  intakeRequestSchema,
} from '../mutations/citizen';
import type { Store } from '../store/db';
import { findCaseByRef } from '../store/cases';
import type { CitizenTokens } from './citizen-tokens';
import type { OnlineStaff } from '../supervision/auto-assign';
import { describeZodIssues } from '../../shared/errors';
import { sendError } from './errors';

export type ChannelKeys = Partial<Record<Channel, string>>;

/** A retry sends the same key; a replay answers with the first answer (see mutations/citizen.ts). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Documented demo keys; a deployment sets TAWASUL_CHANNEL_KEYS instead. */
export const DEMO_CHANNEL_KEYS: ChannelKeys = {
  app: 'demo-app-key',
  web: 'demo-web-key',
  callcentre: 'demo-callcentre-key',
  walkin: 'demo-walkin-key',
};

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function registerIntakeRoutes(
  app: FastifyInstance,
  store: Store,
  keys: ChannelKeys,
  broadcast: (events: readonly ChangesEvent[]) => void,
  tokens: CitizenTokens,
  online: OnlineStaff | null = null,
): void {
  function channelOf(request: FastifyRequest): Channel | undefined {
    const given = request.headers['x-channel-key'];
    if (typeof given !== 'string') return undefined;
    for (const [channel, key] of Object.entries(keys) as [Channel, string][]) {
      if (sameKey(given, key)) return channel;
    }
    return undefined;
  }

  /** Channel check and body parse shared by every intake route; undefined when replied. */
  function accept<S extends z.ZodType>(request: FastifyRequest, reply: FastifyReply, schema: S): { channel: Channel; body: z.output<S> } | undefined {
    const channel = channelOf(request);
    if (channel === undefined) {
      void sendError(reply, 401, { code: 'bad_channel_key', message: 'missing or unknown x-channel-key' });
      return undefined;
    }
    const parsed = schema.safeParse(request.body);
    if (!parsed.success) {
      void sendError(reply, 400, { code: 'invalid_args', message: describeZodIssues(parsed.error.issues) });
      return undefined;
    }
    return { channel, body: parsed.data };
  }

  function refOf(request: FastifyRequest, reply: FastifyReply): string | undefined {
    const ref = (request.params as { ref?: string }).ref ?? '';
    if (CASE_REF_PATTERN.test(ref)) return ref;
    void sendError(reply, 400, { code: 'invalid_args', message: 'a reference looks like TW-2026-00012345' });
    return undefined;
  }

  /**
   * The channel that filed the case, or any channel with the case's citizen token, may act on
   * it; to anyone else it does not exist (the same 404 as an unknown reference).
   */
  async function mayActOn(request: FastifyRequest, reply: FastifyReply, channel: Channel, ref: string): Promise<boolean> {
    const found = await findCaseByRef(store.db, ref);
    if (found === undefined) return true; // the command answers not_found itself
    const token = request.headers['x-citizen-token'];
    if (found.channel === channel || (typeof token === 'string' && tokens.verify(found.id, token))) return true;
    void sendError(reply, 404, { code: 'not_found', message: `no request ${ref}` });
    return false;
  }

  app.post('/api/intake/requests', async (request, reply) => {
    const accepted = accept(request, reply, intakeRequestSchema);
    if (accepted === undefined) return reply;
    const key = request.headers['idempotency-key'];
    let idempotency: IdempotencyKey | null = null;
    if (key !== undefined) {
      if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
        return sendError(reply, 400, { code: 'invalid_args', message: 'Idempotency-Key: 1 to 200 visible ASCII characters' });
      }
      idempotency = { key, bodyHash: createHash('sha256').update(JSON.stringify(accepted.body)).digest('hex') };
    }
    const created = await createFromIntake(store, accepted.channel, accepted.body, idempotency, Date.now(), online);
    broadcast(created.events);
    if (created.replayed) void reply.header('idempotent-replayed', 'true');
    return reply.code(201).send({ id: created.case.id, ref: created.case.ref, citizenToken: tokens.issue(created.case.id) });
  });

  app.post('/api/intake/requests/:ref/messages', async (request, reply) => {
    const accepted = accept(request, reply, intakeMessageSchema);
    const ref = accepted && refOf(request, reply);
    if (accepted === undefined || ref === undefined || !(await mayActOn(request, reply, accepted.channel, ref))) return reply;
    const { case: c, events } = await citizenCommand(store, accepted.channel, ref, { type: 'citizenMessage', body: accepted.body.body });
    broadcast(events);
    return { ref: c.ref, status: c.status };
  });

  app.post('/api/intake/requests/:ref/reopen', async (request, reply) => {
    const accepted = accept(request, reply, intakeReopenSchema);
    const ref = accepted && refOf(request, reply);
    if (accepted === undefined || ref === undefined || !(await mayActOn(request, reply, accepted.channel, ref))) return reply;
    const { case: c, events } = await citizenCommand(store, accepted.channel, ref, { type: 'reopen', reason: accepted.body.reason });
    broadcast(events);
    return { ref: c.ref, status: c.status };
  });

  app.post('/api/intake/requests/:ref/rating', async (request, reply) => {
    const accepted = accept(request, reply, intakeRatingSchema);
    const ref = accepted && refOf(request, reply);
    if (accepted === undefined || ref === undefined || !(await mayActOn(request, reply, accepted.channel, ref))) return reply;
    const { case: c, events } = await citizenCommand(store, accepted.channel, ref, { type: 'rate', rating: accepted.body.rating });
    broadcast(events);
    return { ref: c.ref, status: c.status, rating: c.rating };
  });
}

/** Parses `app=key,web=key` (TAWASUL_CHANNEL_KEYS). */
export function parseChannelKeys(text: string): ChannelKeys {
  const keys: ChannelKeys = {};
  for (const pair of text.split(',')) {
    const [channel, key] = pair.split('=').map((s) => s.trim());
    if ((channel === 'app' || channel === 'web' || channel === 'callcentre' || channel === 'walkin') && key) keys[channel] = key;
    else throw new Error(`TAWASUL_CHANNEL_KEYS: "${pair}" is not channel=key with a known channel`);
  }
  return keys;
}
