import { describe, expect, it, vi } from 'vitest';
import { createDeskClient, createDeskDispatcher } from '../../../shared/desk-bridge';
import type { DeskEventListener } from '../../../shared/desk-bridge';
import { DESK_METHODS } from '../../../shared/desk-api';
import type { DeskHandlers } from '../../../shared/desk-api';
import { CodedError } from '../../../shared/errors';

function handlers(overrides: Partial<DeskHandlers> = {}): DeskHandlers {
  const notImplemented = () => Promise.reject(new CodedError('unavailable', 'not here'));
  const all = Object.fromEntries(DESK_METHODS.map((m) => [m, notImplemented])) as unknown as DeskHandlers;
  return { ...all, ...overrides };
}

describe('the desk dispatcher', () => {
  it('parses arguments before the handler sees them', async () => {
    const page = vi.fn(() => Promise.resolve({ rows: [], nextCursor: null }));
    const dispatch = createDeskDispatcher(handlers({ 'cases.page': page }));
    expect(await dispatch('cases.page', { view: 'overdue' })).toEqual({ ok: true, value: { rows: [], nextCursor: null } });
    expect(page).toHaveBeenCalledWith({ view: 'overdue', filter: {}, after: null, limit: 100 });
    expect(await dispatch('cases.page', { view: 'nope' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await dispatch('cases.page', { view: 'mine', limit: 100_000 })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(page).toHaveBeenCalledTimes(1);
  });

  it('refuses names that are not DeskApi methods, including prototype keys', async () => {
    const dispatch = createDeskDispatcher(handlers());
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 42, null, 'cases.drop']) {
      expect(await dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('turns handler failures into error replies, keeping CodedError codes', async () => {
    const dispatch = createDeskDispatcher(
      handlers({
        'session.logout': () => Promise.reject(new Error('disk full')),
        'sync.status': () => Promise.reject(new CodedError('not_logged_in', 'log in first')),
      }),
    );
    expect(await dispatch('session.logout', {})).toEqual({ ok: false, error: { code: 'internal', message: 'disk full' } });
    expect(await dispatch('sync.status', {})).toMatchObject({ ok: false, error: { code: 'not_logged_in' } });
  });
});

describe('the desk client', () => {
  function wire(deskHandlers: DeskHandlers) {
    const dispatch = createDeskDispatcher(deskHandlers);
    let listener: DeskEventListener = () => undefined;
    const client = createDeskClient({
      invoke: (method, args) => dispatch(method, args),
      subscribe: (l) => {
        listener = l;
        return () => undefined;
      },
    });
    return { client, push: (event: string, payload: unknown) => listener(event as never, payload) };
  }

  it('calls through any transport and returns parsed results', async () => {
    const { client } = wire(handlers({
      'outbox.undo': ({ mutationId }) => Promise.resolve({ undone: true as const, how: mutationId === 'm1' ? 'dropped' as const : 'compensated' as const }),
    }));
    expect(await client['outbox.undo']({ mutationId: 'm1' })).toEqual({ undone: true, how: 'dropped' });
  });

  it('lets an undo refusal through only with a code it knows', async () => {
    const refusal = { undone: false, code: 'window_passed', reason: 'the undo window of 10 s has passed', params: { seconds: '10' } } as const;
    const { client } = wire(handlers({ 'outbox.undo': () => Promise.resolve(refusal) }));
    expect(await client['outbox.undo']({ mutationId: 'm1' })).toEqual(refusal);
    const uncoded = wire(handlers({ 'outbox.undo': () => Promise.resolve({ undone: false, reason: 'no' } as never) }));
    await expect(uncoded.client['outbox.undo']({ mutationId: 'm1' })).rejects.toMatchObject({ code: 'bad_reply' });
    const unknown = wire(handlers({ 'outbox.undo': () => Promise.resolve({ ...refusal, code: 'moon' } as never) }));
    await expect(unknown.client['outbox.undo']({ mutationId: 'm1' })).rejects.toMatchObject({ code: 'bad_reply' });
  });

  it('throws a CodedError with the code when the call fails, and on a reply of the wrong shape', async () => {
    const { client } = wire(handlers({ 'outbox.list': () => Promise.resolve('not a list' as never) }));
    await expect(client['sync.status']()).rejects.toMatchObject({ name: 'CodedError', code: 'unavailable' });
    await expect(client['outbox.list']()).rejects.toMatchObject({ code: 'bad_reply' });
  });

  it('delivers well-formed events to subscribers and drops malformed ones', () => {
    const { client, push } = wire(handlers());
    const seen = vi.fn();
    const off = client.on('cases.changed', seen);
    push('cases.changed', { caseIds: ['a'], all: false });
    push('cases.changed', { caseIds: 'a' });
    push('unknown.event', {});
    expect(seen).toHaveBeenCalledTimes(1);
    off();
    push('cases.changed', { caseIds: ['b'], all: false });
    expect(seen).toHaveBeenCalledTimes(1);
  });
});
