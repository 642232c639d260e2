// Why the core refused an undo, as a catalogue key: the core answers with a code (shared
// desk-api `UNDO_REFUSAL_CODES`) and the details the message names, so the agent reads the
// reason in the UI language. The client's schema only lets known codes through; should one
// still be missing here, it is shown in the core's English words rather than hidden.
import type { UndoRefusal as CoreRefusal } from '../../../shared/desk-api';
import type { ErrorCode } from '../../../shared/errors';

export type UndoRefusal = { key: string; params: Record<string, string> };

/** every code the core can give, and its message (a missing code fails the type check) */
export const UNDO_REFUSAL_KEYS: Partial<Record<ErrorCode, string>> = {
  in_flight: 'undo.reason.inFlight',
  not_reversible: 'undo.reason.cannotAfterSend',
  gone: 'undo.reason.gone',
  window_passed: 'undo.reason.windowPassed',
  before_unknown: 'undo.reason.unknownBefore',
  case_left: 'undo.reason.caseLeft',
  changed_since: 'undo.reason.changedSince',
  outcome_not_clearable: 'undo.reason.outcomeNotClearable',
  too_many_unassigned: 'undo.reason.tooManyUnassigned',
};

export function undoRefusal(refusal: Pick<CoreRefusal, 'code' | 'reason' | 'params'>): UndoRefusal {
  const key = Object.hasOwn(UNDO_REFUSAL_KEYS, refusal.code) ? UNDO_REFUSAL_KEYS[refusal.code] : undefined;
  if (key !== undefined) return { key, params: refusal.params ?? {} };
  return { key: 'undo.reason.other', params: { reason: refusal.reason } };
}
