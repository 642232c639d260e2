// The case server's HTTP endpoints the core calls (login, logout). Responses are parsed.
// A deployment may be given as several addresses, comma separated (its nodes): login and
// logout go to the first that answers.
import { httpErrorSchema, loginResponseSchema } from '../../shared/protocol';
import type { LoginResponse } from '../../shared/protocol';
import { CodedError } from '../../shared/errors';

const HTTP_TIMEOUT_MS = 10_000;

/** One address, or a deployment's several (comma separated): trimmed, without trailing slashes. */
export function normalizeServerUrl(url: string): string {
  return parseServerUrls(url).join(',');
}

export function parseServerUrls(text: string): string[] {
  const urls = text
    .split(',')
    .map((part) => part.trim().replace(/\/+$/, ''))
    .filter((part) => part !== '');
  for (const url of urls) {
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new CodedError('invalid_args', `"${url}" is not an http(s) address of a case server`, { url });
    }
  }
  if (urls.length === 0) throw new CodedError('invalid_args', 'no case server address given');
  return [...new Set(urls)];
}

/** Runs `attempt` on each address in turn while the address cannot be reached. */
async function onFirstReachable<T>(serverUrl: string, attempt: (url: string) => Promise<T>): Promise<T> {
  const urls = parseServerUrls(serverUrl);
  let unreachable: unknown;
  for (const url of urls) {
    try {
      return await attempt(url);
    } catch (error) {
      if (!(error instanceof CodedError) || error.code !== 'server_unreachable') throw error;
      unreachable = error;
    }
  }
  throw unreachable;
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

export function login(serverUrl: string, username: string, password: string): Promise<LoginResponse> {
  return onFirstReachable(serverUrl, (url) => loginAt(url, username, password));
}

async function loginAt(serverUrl: string, username: string, password: string): Promise<LoginResponse> {
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
    await onFirstReachable(serverUrl, (url) => post(`${url}/api/logout`, {}, token));
  } catch {
    // offline logout still signs out locally
  }
}
