// A CodedError or a rejected mutation, said in the UI language.
import i18next from 'i18next';
import { CodedError } from '../../../shared/errors';

const CODE_ALIASES: Record<string, string> = {
  invalid_credentials: 'bad_credentials',
  unauthorized: 'bad_credentials',
  unauthorised: 'bad_credentials',
  login_failed: 'bad_credentials',
  network: 'server_unreachable',
  unreachable: 'server_unreachable',
  offline: 'server_unreachable',
};

export function describeFailure(code: string, message: string, params: Record<string, string> = {}): string {
  const known = CODE_ALIASES[code] ?? code;
  const key = `errors.${known}`;
  if (!i18next.exists(key)) return i18next.t('errors.unknown', { message });
  const status = params.status === undefined ? undefined : i18next.t(`status.${params.status}`);
  return i18next.t(key, { ...params, message, ...(status === undefined ? {} : { status }) });
}

export function describeError(error: unknown): string {
  if (error instanceof CodedError) return describeFailure(error.code, error.message, error.params);
  return i18next.t('errors.unknown', { message: error instanceof Error ? error.message : String(error) });
}
