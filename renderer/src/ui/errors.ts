// Every refusal said in the UI language, from its code alone (shared/errors.ts): what happened
// and the key or action that resolves it. The English message beside a code is for logs; it is
// only ever shown inside `internal`/`invalid_args` texts as a detail, never matched on.
import i18next from 'i18next';
import { caseStatusSchema, outcomeSchema } from '../../../shared/domain';
import { CodedError } from '../../../shared/errors';
import type { ErrorCode } from '../../../shared/errors';

/** The catalogue key that words `code` (every code of the closed list has one, in both languages). */
export function errorKey(code: ErrorCode): string {
  return `errors.${code}`;
}

/** What a status-bound refusal adds: the status by name and what to do from it. */
function statusWords(params: Record<string, string>): Record<string, string> {
  const status = caseStatusSchema.safeParse(params.status);
  if (!status.success) return { status: params.status ?? '', hint: '' };
  return { status: i18next.t(`status.${status.data}`), hint: i18next.t(`errors.statusHint.${status.data}`) };
}

/** An outcome refusal names the outcomes (params.from may be `none`) in the UI language. */
function outcomeWords(params: Record<string, string>): Record<string, string> {
  const word = (value: string | undefined) => {
    const outcome = outcomeSchema.safeParse(value);
    return outcome.success ? i18next.t(`outcome.${outcome.data}`) : i18next.t('outcomeDialog.none');
  };
  return { from: word(params.from), to: word(params.to) };
}

export function describeFailure(code: ErrorCode, message: string, params: Record<string, string> = {}): string {
  const statusBound = code === 'illegal_transition' || params.status !== undefined;
  const outcomeBound = code === 'outcome_transition';
  return i18next.t(errorKey(code), { ...params, message, ...(statusBound ? statusWords(params) : {}), ...(outcomeBound ? outcomeWords(params) : {}) });
}

export function describeError(error: unknown): string {
  if (error instanceof CodedError) return describeFailure(error.code, error.message, error.params);
  return i18next.t('errors.unknown', { message: error instanceof Error ? error.message : String(error) });
}
