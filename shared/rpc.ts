// One RPC protocol for every boundary, generic over a method map (`'domain.verb'` → zod
// schemas of its args and result, as `deskMethods` and `serverRequests` are). The receiving
// side wraps its handlers with `createDispatcher` (unknown methods and bad arguments are
// refused here and nowhere else; a thrown CodedError keeps its code); the calling side wraps
// any transport with `createRpcClient` (every reply is parsed with the result schema).
// Transports that carry frames (the core's utility process, the browser host's WebSocket) use
// `frameSchema`, `answerCalls` and `createCaller`: they only supply send and receive.
import { z } from 'zod';
import { CodedError, describeZodIssues, toWireError, wireErrorSchema } from './errors';
import type { WireError } from './errors';

export type MethodSpec = { args: z.ZodType; result: z.ZodType };
export type MethodMap = Record<string, MethodSpec>;
export type MethodName<M extends MethodMap> = keyof M & string;
/** what a caller passes (before defaults) */
export type MethodArgs<M extends MethodMap, K extends keyof M> = z.input<M[K]['args']>;
/** what a handler receives (parsed, defaults applied) */
export type MethodParsedArgs<M extends MethodMap, K extends keyof M> = z.output<M[K]['args']>;
export type MethodResult<M extends MethodMap, K extends keyof M> = z.output<M[K]['result']>;

/** What travels back for one call, on every transport. */
export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: WireError };

export function replySchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: wireErrorSchema }),
  ]);
}
const anyReplySchema = replySchema(z.unknown());

/** The handlers a receiving side implements: one per method, given parsed arguments. */
export type Handlers<M extends MethodMap> = {
  [K in MethodName<M>]: (args: MethodParsedArgs<M, K>) => Promise<MethodResult<M, K>>;
};

export type Dispatch = (method: unknown, args: unknown) => Promise<Reply>;

export type DispatchOptions = {
  /** the message an unexpected failure is answered with (default: the error's own message) */
  internalMessage?: string;
  /** told of every unexpected failure (not of CodedErrors), to log it */
  onInternal?: (error: unknown, method: string) => void;
};

/** Parses one call's arguments with its schema, runs the handler and turns the outcome into a reply. */
export async function dispatchOne<S extends MethodSpec>(
  method: string,
  spec: S,
  handle: (args: z.output<S['args']>) => Promise<z.output<S['result']>>,
  args: unknown,
  options: DispatchOptions = {},
): Promise<Reply> {
  const parsed = spec.args.safeParse(args);
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_args', message: `${method}: ${describeZodIssues(parsed.error.issues)}` } };
  }
  try {
    return { ok: true, value: await handle(parsed.data as z.output<S['args']>) };
  } catch (error) {
    if (!(error instanceof CodedError)) options.onInternal?.(error, method);
    return { ok: false, error: toWireError(error, options.internalMessage) };
  }
}

export function hasMethod<M extends MethodMap>(methods: M, name: unknown): name is MethodName<M> {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

export function createDispatcher<M extends MethodMap>(methods: M, handlers: Handlers<M>, options: DispatchOptions = {}): Dispatch {
  return async (method, args) => {
    if (!hasMethod(methods, method)) {
      return { ok: false, error: { code: 'unknown_method', message: `no such method: ${String(method).slice(0, 100)}` } };
    }
    // the map ties each handler to its method's spec; one call site cannot name that pairing
    const handle = handlers[method] as (a: unknown) => Promise<never>;
    // a call without arguments is a call with none (the socket wrapper, by contrast, wants a payload)
    return dispatchOne(method, methods[method], handle, args ?? {}, options);
  };
}

/**
 * Reads a raw reply to `method`: a reply that is neither a well-formed error nor a value of
 * the method's result schema becomes `bad_reply`.
 */
export function readReply<S extends MethodSpec>(method: string, spec: S, raw: unknown): Reply<z.output<S['result']>> {
  const reply = anyReplySchema.safeParse(raw);
  if (!reply.success) return badReply(method, describeZodIssues(reply.error.issues));
  if (!reply.data.ok) return reply.data;
  const value = spec.result.safeParse(reply.data.value);
  if (!value.success) return badReply(method, describeZodIssues(value.error.issues));
  return { ok: true, value: value.data as z.output<S['result']> };
}

function badReply(method: string, detail: string): { ok: false; error: WireError } {
  return { ok: false, error: { code: 'bad_reply', message: `${method}: the reply has an unexpected shape (${detail})` } };
}

export type RpcInvoke = (method: string, args: unknown) => Promise<unknown>;

/** The typed API of a method map: methods whose arguments are all optional may be called with none. */
export type RpcClient<M extends MethodMap> = {
  [K in MethodName<M>]: (
    ...args: Record<string, never> extends MethodArgs<M, K> ? [args?: MethodArgs<M, K>] : [args: MethodArgs<M, K>]
  ) => Promise<MethodResult<M, K>>;
};

/** A client of `methods` over `invoke`: a refusal is thrown as a CodedError, a reply of the wrong shape too. */
export function createRpcClient<M extends MethodMap>(methods: M, invoke: RpcInvoke): RpcClient<M> {
  const client: Record<string, (args?: unknown) => Promise<unknown>> = {};
  for (const method of Object.keys(methods)) {
    const spec = methods[method];
    client[method] = async (args?: unknown) => {
      const reply = readReply(method, spec, await invoke(method, args ?? {}));
      if (!reply.ok) throw CodedError.from(reply.error);
      return reply.value;
    };
  }
  return client as unknown as RpcClient<M>;
}

// ---- frames, for transports that carry messages rather than calls ----

export const frameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call'), id: z.number().int().nonnegative(), method: z.string().max(100), args: z.unknown() }),
  /** id -1: a reply to a frame that was not a readable call */
  z.object({ type: z.literal('reply'), id: z.number().int().min(-1), reply: anyReplySchema }),
  z.object({ type: z.literal('event'), event: z.string().max(100), payload: z.unknown() }),
]);
export type Frame = z.infer<typeof frameSchema>;
export type CallFrame = Extract<Frame, { type: 'call' }>;

/** A frame, or null for anything that is not one. */
export function readFrame(data: unknown): Frame | null {
  const frame = frameSchema.safeParse(data);
  return frame.success ? frame.data : null;
}

/** The reply to a message that is not a readable call frame: its id when it has one. */
export function badFrameReply(data: unknown, message: string): Frame {
  const id = (data as { id?: unknown } | null)?.id;
  const replyId = typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : -1;
  return { type: 'reply', id: replyId, reply: { ok: false, error: { code: 'bad_frame', message } } };
}

/** The receiving end of a frame pipe: answers each call frame through `dispatch`. */
export function answerCalls(dispatch: Dispatch, send: (frame: Frame) => void): (call: CallFrame) => void {
  return (call) => {
    void dispatch(call.method, call.args).then((reply) => send({ type: 'reply', id: call.id, reply }));
  };
}

export type Caller = {
  /** sends a call frame; resolves with its reply (or with the error given to `failAll`) */
  call: (method: string, args: unknown) => Promise<Reply>;
  /** hands a reply frame to the call waiting for it; others are ignored */
  receive: (frame: Frame) => void;
  /** answers every call still waiting with this error (the pipe closed) */
  failAll: (error: WireError) => void;
};

/** The calling end of a frame pipe: correlates replies to calls by id. */
export function createCaller(send: (frame: CallFrame) => void): Caller {
  const waiting = new Map<number, (reply: Reply) => void>();
  let nextId = 1;
  return {
    call: (method, args) =>
      new Promise<Reply>((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        send({ type: 'call', id, method, args });
      }),
    receive: (frame) => {
      if (frame.type !== 'reply') return;
      const resolve = waiting.get(frame.id);
      if (resolve === undefined) return;
      waiting.delete(frame.id);
      resolve(frame.reply);
    },
    failAll: (error) => {
      const pending = [...waiting.values()];
      waiting.clear();
      for (const resolve of pending) resolve({ ok: false, error });
    },
  };
}
