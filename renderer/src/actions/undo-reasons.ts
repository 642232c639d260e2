// Why the core refused an undo, as a catalogue key. The core (main/core/outbox) says why in
// English words; these are matched here so the agent reads the reason in the UI language,
// and a reason not known yet is still shown, in the core's words.
export type UndoRefusal = { key: string; params: Record<string, string> };

const KNOWN: [RegExp, string, string[]][] = [
  [/has been sent and the server has not answered yet/, 'undo.reason.inFlight', []],
  [/can no longer be undone/, 'undo.reason.gone', []],
  [/undo window of (\S+) s has passed/, 'undo.reason.windowPassed', ['seconds']],
  [/were not in this desk when it acted/, 'undo.reason.unknownBefore', []],
  [/has left this desk since/, 'undo.reason.caseLeft', []],
  [/case (\S+) was changed by someone else since/, 'undo.reason.changedSince', ['ref']],
  [/had no outcome before/, 'undo.reason.outcomeNotClearable', []],
  [/(\d+) of the cases had no assignee before; more than (\d+)/, 'undo.reason.tooManyUnassigned', ['n', 'max']],
  [/cannot be taken back once it is sent/, 'undo.reason.cannotAfterSend', []],
];

export function undoRefusal(reason: string | undefined): UndoRefusal {
  if (reason === undefined || reason.trim() === '') return { key: 'undo.reason.gone', params: {} };
  for (const [pattern, key, names] of KNOWN) {
    const match = pattern.exec(reason);
    if (match === null) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => (params[name] = match[i + 1] ?? ''));
    return { key, params };
  }
  return { key: 'undo.reason.other', params: { reason } };
}
