import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CodedError } from '../../../shared/errors';
import {
  answerCalls,
  badFrameReply,
  createCaller,
  createDispatcher,
  createRpcClient,
  dispatchOne,
  readFrame,
  readReply,
} from '../../../shared/rpc';
import type { Frame, Handlers } from '../../../shared/rpc';

// A small method map of its own: the protocol is generic, so it is tested on a map no
// boundary uses, and over a real pipe (two ends exchanging JSON text).
const methods = {
  'cases.count': { args: z.object({ agencyId: z.string().min(1), open: z.boolean().default(true) }), result: z.number().int() },
  'cases.take': { args: z.object({ caseId: z.string() }), result: z.object({ version: z.number() }) },
  'session.ping': { args: z.object({}).strict(), result: z.null() },
} as const;

function handlers(overrides: Partial<Handlers<typeof methods>> = {}): Handlers<typeof methods> {
  return {
    'cases.count': ({ agencyId, open }) => Promise.resolve(agencyId.length + (open ? 100 : 0)),
    'cases.take': ({ caseId }) => Promise.reject(new CodedError('illegal_transition', `cannot take ${caseId}`, { status: 'closed' })),
    'session.ping': () => Promise.resolve(null),
    ...overrides,
  };
}

/** Two ends of a pipe that carries JSON text, as the browser host's WebSocket does. */
function pipe(handle: Handlers<typeof methods>) {
  const serverEnd = answerCalls(createDispatcher(methods, handle), (frame) => toClient(JSON.stringify(frame)));
  const caller = createCaller((frame) => queueMicrotask(() => toServer(JSON.stringify(frame))));
  function toServer(text: string) {
    const frame = readFrame(JSON.parse(text));
    if (frame?.type === 'call') serverEnd(frame);
  }
  function toClient(text: string) {
    const frame = readFrame(JSON.parse(text));
    if (frame !== null) caller.receive(frame);
  }
  return { caller, client: createRpcClient(methods, caller.call) };
}

describe('the dispatcher', () => {
  it('refuses a method the map does not declare, prototype keys included, without running anything', async () => {
    const count = vi.fn(() => Promise.resolve(1));
    const dispatch = createDispatcher(methods, handlers({ 'cases.count': count }));
    for (const name of ['cases.drop', 'constructor', '__proto__', 'hasOwnProperty', 7, null]) {
      expect(await dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
    expect(count).not.toHaveBeenCalled();
  });

  it('refuses bad arguments with invalid_args naming the field, and hands the handler parsed ones', async () => {
    const count = vi.fn(() => Promise.resolve(3));
    const dispatch = createDispatcher(methods, handlers({ 'cases.count': count }));
    const refused = await dispatch('cases.count', { agencyId: '' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(!refused.ok && refused.error.message).toMatch(/^cases\.count: agencyId: /);
    expect(await dispatch('session.ping', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(count).not.toHaveBeenCalled();
    expect(await dispatch('cases.count', { agencyId: 'housing' })).toEqual({ ok: true, value: 3 });
    expect(count).toHaveBeenCalledWith({ agencyId: 'housing', open: true });
  });

  it('takes a call without arguments as one with none, while one request handled alone must carry them', async () => {
    const dispatch = createDispatcher(methods, handlers());
    expect(await dispatch('session.ping', undefined)).toEqual({ ok: true, value: null });
    const ping = vi.fn(() => Promise.resolve(null));
    expect(await dispatchOne('session.ping', methods['session.ping'], ping, undefined)).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(ping).not.toHaveBeenCalled();
  });

  it('keeps the code of a CodedError a handler throws, with its details', async () => {
    const dispatch = createDispatcher(methods, handlers());
    expect(await dispatch('cases.take', { caseId: 'c1' })).toEqual({
      ok: false,
      error: { code: 'illegal_transition', message: 'cannot take c1', params: { status: 'closed' } },
    });
  });

  it('answers anything else thrown as internal, and tells who logs it', async () => {
    const onInternal = vi.fn();
    const failing = handlers({ 'session.ping': () => Promise.reject(new Error('SQLITE_BUSY')) });
    const quiet = createDispatcher(methods, failing, { internalMessage: 'could not complete this request', onInternal });
    expect(await quiet('session.ping', {})).toEqual({ ok: false, error: { code: 'internal', message: 'could not complete this request' } });
    expect(onInternal).toHaveBeenCalledWith(expect.objectContaining({ message: 'SQLITE_BUSY' }), 'session.ping');
    const plain = createDispatcher(methods, failing);
    expect(await plain('session.ping', {})).toEqual({ ok: false, error: { code: 'internal', message: 'SQLITE_BUSY' } });
  });
});

describe('the client', () => {
  it('returns the parsed result, and throws a refusal as a CodedError with its code', async () => {
    const { client } = pipe(handlers());
    expect(await client['cases.count']({ agencyId: 'npra' })).toBe(104);
    expect(await client['session.ping']()).toBeNull();
    const refusal = await client['cases.take']({ caseId: 'c9' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CodedError);
    expect(refusal).toMatchObject({ code: 'illegal_transition', params: { status: 'closed' } });
  });

  it('rejects a reply of the wrong shape with bad_reply rather than handing it on', async () => {
    const wrong = handlers({ 'cases.take': () => Promise.resolve({ version: 'three' } as never) });
    const { client } = pipe(wrong);
    await expect(client['cases.take']({ caseId: 'c1' })).rejects.toMatchObject({ name: 'CodedError', code: 'bad_reply' });
    const invoke = (reply: unknown) => createRpcClient(methods, () => Promise.resolve(reply))['session.ping']();
    await expect(invoke({ ok: false, error: { code: 'no_such_code', message: 'x' } })).rejects.toMatchObject({ code: 'bad_reply' });
    await expect(invoke('not a reply')).rejects.toMatchObject({ code: 'bad_reply' });
    await expect(invoke({ ok: true })).rejects.toMatchObject({ code: 'bad_reply' });
  });

  it('reads a raw reply against the one method it answers', () => {
    expect(readReply('cases.count', methods['cases.count'], { ok: true, value: 5 })).toEqual({ ok: true, value: 5 });
    expect(readReply('cases.count', methods['cases.count'], { ok: true, value: 5.5 })).toMatchObject({ ok: false, error: { code: 'bad_reply' } });
  });
});

describe('frames', () => {
  it('are a call, a reply or an event; anything else is not a frame', () => {
    expect(readFrame({ type: 'call', id: 1, method: 'session.ping', args: {} })).not.toBeNull();
    expect(readFrame({ type: 'event', event: 'cases.changed', payload: { all: true } })).not.toBeNull();
    expect(readFrame({ type: 'reply', id: 1, reply: { ok: true, value: null } })).not.toBeNull();
    expect(readFrame({ type: 'call', id: '1', method: 'session.ping' })).toBeNull();
    expect(readFrame({ type: 'call', id: 1, method: 'x'.repeat(101) })).toBeNull();
    expect(readFrame({ type: 'reply', id: 1, reply: { ok: false, error: 'nope' } })).toBeNull();
    expect(readFrame({ type: 'shell', id: 1 })).toBeNull();
    expect(readFrame(null)).toBeNull();
  });

  it('answer an unreadable call with bad_frame, under its id when it has one', () => {
    expect(badFrameReply({ type: 'call', id: 7, method: 42 }, 'bad')).toEqual({ type: 'reply', id: 7, reply: { ok: false, error: { code: 'bad_frame', message: 'bad' } } });
    expect(badFrameReply('garbage', 'bad')).toMatchObject({ id: -1 });
    expect(badFrameReply({ id: -3 }, 'bad')).toMatchObject({ id: -1 });
  });

  it('match replies to calls by id whatever their order, and fail every waiting call when the pipe closes', async () => {
    const sent: Frame[] = [];
    const caller = createCaller((frame) => sent.push(frame));
    const first = caller.call('cases.count', { agencyId: 'a' });
    const second = caller.call('session.ping', {});
    const third = caller.call('session.ping', {});
    const [a, b] = sent as { id: number }[];
    caller.receive({ type: 'reply', id: b.id, reply: { ok: true, value: 'second' } });
    caller.receive({ type: 'reply', id: a.id, reply: { ok: true, value: 'first' } });
    caller.receive({ type: 'reply', id: 999, reply: { ok: true, value: 'nobody asked' } });
    expect(await first).toEqual({ ok: true, value: 'first' });
    expect(await second).toEqual({ ok: true, value: 'second' });
    caller.failAll({ code: 'host_unreachable', message: 'closed' });
    expect(await third).toEqual({ ok: false, error: { code: 'host_unreachable', message: 'closed' } });
  });
});
