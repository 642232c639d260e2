// Every write goes through here: `cases.mutate`, then a toast that says what happened and,
// while it can still be taken back, counts down (held: until it is sent; with an inverse:
// until the undo window closes). `z` undoes the most recent action still in its window; a
// refusal says why, in the UI language.
import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import type { ErrorCode } from '../../../shared/errors';
import type { MutationInput, MutationName } from '../../../shared/mutations';
import { desk } from '../desk/client';
import { formatNumber } from '../format/time';
import { currentLanguage } from '../i18n';
import { ActionToast } from './ActionToast';
import { dropEntry, patchEntry, useUndoEntries } from '../state/undo-entries';
import { describeError, describeFailure } from './errors';
import { canTryUndo, latestUndoable } from '../state/undo-stack';

const RECEIPT_MS = 2_500;
/** a toast whose action waits for the connection does not stay on screen for hours */
const WAITING_TOAST_MS = 8_000;

const FORGET_AFTER_MS = 60_000;

const afterApplied = new Map<string, () => void>();
/** called with the refusal, worded for the UI, when the server refused; with nothing after an undo */
const afterNotApplied = new Map<string, (refusal?: string) => void>();

/** Runs `then` once the server has taken the mutation (a logged request learns its reference). */
export function whenApplied(mutationId: string, then: () => void): void {
  afterApplied.set(mutationId, then);
}

/** Runs `then` if the mutation will never be applied as it was: refused by the server, or dropped by an undo. */
export function whenNotApplied(mutationId: string, then: (refusal?: string) => void): void {
  afterNotApplied.set(mutationId, then);
}


function caseCount(args: unknown): number {
  const ids = (args as { caseIds?: unknown }).caseIds;
  return Array.isArray(ids) ? ids.length : 1;
}

function toastMessage(mutationId: string) {
  return <ActionToast mutationId={mutationId} onUndo={(id) => void undo(id)} onSendNow={(id) => void sendNow(id)} />;
}

function closeIn(mutationId: string, ms: number): void {
  notifications.update({ id: mutationId, message: toastMessage(mutationId), autoClose: Math.max(ms, RECEIPT_MS) });
}

function forget(mutationId: string): void {
  afterApplied.delete(mutationId);
  afterNotApplied.delete(mutationId);
  dropEntry(mutationId);
}

/** Entries long past any undo (their toasts are gone too); closing a toast keeps its undo. */
function prune(now: number): void {
  for (const entry of Object.values(useUndoEntries.getState().entries)) {
    if (!canTryUndo(entry, now) && now - entry.createdAt > FORGET_AFTER_MS) dropEntry(entry.mutationId);
  }
}

/** The send time and undo deadline the core gave the mutation (asked once, right after). */
async function learnTiming(mutationId: string): Promise<void> {
  const pending = (await desk()['outbox.list']({})).find((m) => m.id === mutationId);
  if (pending === undefined) return; // already applied: the applied event carries the deadline
  const undoableUntil = pending.undoableUntil ?? null;
  const sendAt = pending.sendAt ?? null;
  patchEntry(mutationId, { sendAt, undoableUntil });
  if (undoableUntil !== null) closeIn(mutationId, undoableUntil - Date.now());
  // offline, a held action waits for the connection: its toast goes a while after the countdown
  else if (sendAt !== null) closeIn(mutationId, sendAt - Date.now() + WAITING_TOAST_MS);
}

/**
 * Actions handed to the core and not yet answered. A `z` pressed right after Ctrl+Enter
 * arrives before the core has named the reply's mutation: it waits for them, so it undoes
 * what the agent just did rather than finding nothing (and letting the reply go).
 */
const handingOver = new Set<Promise<string | null>>();

export function mutate<N extends MutationName>(name: N, args: MutationInput<N>): Promise<string | null> {
  const handover = handOver(name, args);
  handingOver.add(handover);
  const settled = () => handingOver.delete(handover);
  handover.then(settled, settled);
  return handover;
}

async function handOver<N extends MutationName>(name: N, args: MutationInput<N>): Promise<string | null> {
  let mutationId: string;
  try {
    ({ mutationId } = await desk()['cases.mutate']({ name, args }));
  } catch (error) {
    notifications.show({ color: 'red', message: describeError(error), autoClose: 6_000 });
    return null;
  }
  prune(Date.now());
  useUndoEntries.setState((s) => ({
    entries: {
      ...s.entries,
      [mutationId]: { mutationId, name, count: caseCount(args), createdAt: Date.now(), sendAt: null, undoableUntil: null, phase: 'waiting' },
    },
  }));
  notifications.show({
    id: mutationId,
    message: toastMessage(mutationId),
    autoClose: false,
    withCloseButton: true,
  });
  void learnTiming(mutationId).catch(() => undefined); // without it the toast is held with no countdown
  return mutationId;
}

export async function undo(mutationId?: string): Promise<void> {
  if (mutationId === undefined && handingOver.size > 0) await Promise.allSettled([...handingOver]);
  const target = mutationId ?? latestUndoable(Object.values(useUndoEntries.getState().entries), Date.now())?.mutationId;
  if (target === undefined) return;
  const entry = useUndoEntries.getState().entries[target];
  const action = entry === undefined ? '' : i18next.t(`undo.action.${entry.name}`, { n: formatNumber(entry.count, currentLanguage()) });
  try {
    const result = await desk()['outbox.undo']({ mutationId: target });
    if (result.undone) {
      notifications.hide(target);
      const notApplied = afterNotApplied.get(target);
      forget(target);
      notApplied?.();
      notifications.show({
        message: <span data-testid="undo-result" data-how={result.how ?? 'dropped'}>{i18next.t(result.how === 'compensated' ? 'undo.compensated' : 'undo.dropped', { action })}</span>,
        autoClose: 4_000,
        color: 'teal',
      });
      return;
    }
    const reason = describeFailure(result.code, result.reason, result.params);
    notifications.show({
      message: <span data-testid="undo-result" data-how="refused">{i18next.t('undo.refused', { reason })}</span>,
      autoClose: 6_000,
      color: 'yellow',
    });
  } catch (error) {
    notifications.show({ color: 'red', message: describeError(error) });
  }
}

/** "Send now": a held action goes at once instead of when its countdown ends. */
export async function sendNow(mutationId: string): Promise<void> {
  try {
    const { flushed } = await desk()['outbox.flush']({ mutationId });
    if (flushed) patchEntry(mutationId, { phase: 'sending' });
  } catch (error) {
    notifications.show({ color: 'red', message: describeError(error) });
  }
}

/** The server took it: a held action's toast becomes a receipt; one with an inverse keeps its undo. */
export function mutationApplied(mutationId: string, name: MutationName, undoableUntil?: number): void {
  const entry = useUndoEntries.getState().entries[mutationId];
  if (entry !== undefined) {
    patchEntry(mutationId, { phase: 'applied', ...(undoableUntil === undefined ? {} : { undoableUntil }) });
    const until = undoableUntil ?? entry.undoableUntil;
    closeIn(mutationId, until === null ? RECEIPT_MS : until - Date.now());
  } else {
    notifications.update({ id: mutationId, message: i18next.t(`mutation.${name}`), autoClose: RECEIPT_MS });
  }
  afterNotApplied.delete(mutationId);
  const then = afterApplied.get(mutationId);
  afterApplied.delete(mutationId);
  then?.();
}

export function mutationRejected(mutationId: string, code: ErrorCode, message: string, params: Record<string, string>): void {
  const notApplied = afterNotApplied.get(mutationId);
  const reason = describeFailure(code, message, params);
  forget(mutationId);
  notifications.hide(mutationId);
  notifications.show({
    color: 'red',
    autoClose: 8_000,
    message: <span data-testid="mutation-rejected" data-code={code}>{i18next.t('mutation.rejected', { reason })}</span>,
  });
  notApplied?.(reason);
}
