// The case server's HTTP endpoints the core calls (login, logout). Responses are parsed.
import { httpErrorSchema, loginResponseSchema } from '../../shared/protocol';
import type { LoginResponse } from '../../shared/protocol';
import { CodedError } from '../../shared/errors';

const HTTP_TIMEOUT_MS = 10_000;

export function normalizeServerUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

async function post(url: string, body: unknown, token?: string): Promise<Response> {
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
  } catch (error) {
    throw new CodedError('server_unreachable', `cannot reach the case server at ${new URL(url).origin}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json());
  } catch {
    return null;
  }
}

export async function login(serverUrl: string, username: string, password: string): Promise<LoginResponse> {
  const response = await post(`${serverUrl}/api/login`, { username, password });
  const body = await readJson(response);
  if (response.ok) {
    const parsed = loginResponseSchema.safeParse(body);
    if (!parsed.success) throw new CodedError('bad_reply', 'the case server answered the login with an unexpected shape');
    return parsed.data;
  }
  const error = httpErrorSchema.safeParse(body);
  if (response.status === 401 || response.status === 403) {
    throw new CodedError('bad_credentials', error.success ? error.data.error.message : 'wrong username or password');
  }
  if (response.status === 429) {
    throw new CodedError('rate_limited', error.success ? error.data.error.message : 'too many login attempts; wait a minute');
  }
  if (error.success) throw CodedError.from(error.data.error);
  throw new CodedError('server_error', `the case server answered the login with HTTP ${response.status}`);
}

/** Best effort: a session the server cannot be told about expires on its own. */
export async function logout(serverUrl: string, token: string): Promise<void> {
  try {
    await post(`${serverUrl}/api/logout`, {}, token);
  } catch {
    // offline logout still signs out locally
  }
}
