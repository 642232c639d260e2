// The case server's HTTP endpoints the core calls (login, logout). Responses are parsed.
// A deployment may be given as several addresses, comma separated (its nodes): login and
// logout go to the first that answers.
import { DeskError } from '../../shared/desk-api';
import { httpErrorSchema, loginResponseSchema } from '../../shared/protocol';
import type { LoginResponse } from '../../shared/protocol';

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
      throw new DeskError({ code: 'invalid_args', message: `"${url}" is not an http(s) address of a case server`, params: { url } });
    }
  }
  if (urls.length === 0) throw new DeskError({ code: 'invalid_args', message: 'no case server address given' });
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
      if (!(error instanceof DeskError) || error.code !== 'server_unreachable') throw error;
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
    throw new DeskError({
      code: 'server_unreachable',
      message: `cannot reach the case server at ${new URL(url).origin}: ${error instanceof Error ? error.message : String(error)}`,
    });
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
    if (!parsed.success) throw new DeskError({ code: 'bad_reply', message: 'the case server answered the login with an unexpected shape' });
    return parsed.data;
  }
  const error = httpErrorSchema.safeParse(body);
  if (response.status === 401 || response.status === 403) {
    throw new DeskError({ code: 'bad_credentials', message: error.success ? error.data.error.message : 'wrong username or password' });
  }
  if (response.status === 429) {
    throw new DeskError({ code: 'rate_limited', message: error.success ? error.data.error.message : 'too many login attempts; wait a minute' });
  }
  if (error.success) throw new DeskError(error.data.error);
  throw new DeskError({ code: 'server_error', message: `the case server answered the login with HTTP ${response.status}` });
}

/** Best effort: a session the server cannot be told about expires on its own. */
export async function logout(serverUrl: string, token: string): Promise<void> {
  try {
    await onFirstReachable(serverUrl, (url) => post(`${url}/api/logout`, {}, token));
  } catch {
    // offline logout still signs out locally
  }
}
