// Password hashing with scrypt (node:crypto). The stored form carries its parameters, so they
// can be raised without invalidating existing hashes: a login that verifies against weaker
// parameters than today's stores a new hash (login.ts).
//
// Today's parameters: N=2^15, r=8, p=3, one of OWASP's equivalent scrypt settings (the same
// work as N=2^17, p=1) with 32 MiB per hash instead of 128 MiB, so a burst of logins at the
// start of a shift does not take the server's memory. Measured on the 2-core build machine,
// under load: 0.85 s a hash, against 0.2 s for the N=2^14, p=1 of earlier builds.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;
export type ScryptParams = { N: number; r: number; p: number };
export const SCRYPT_PARAMS: ScryptParams = { N: 32_768, r: 8, p: 3 };
/** what node allows scrypt to use by default (32 MiB) is exactly 128·N·r; room for the rest */
const MAX_MEMORY = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: MAX_MEMORY }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/** `scrypt$N$r$p$salt$key`, salt and key base64url. */
export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function paramsOf(stored: string): ScryptParams | undefined {
  const [scheme, n, r, p] = stored.split('$');
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== 'scrypt' || ![params.N, params.r, params.p].every((v) => Number.isInteger(v) && v > 0)) return undefined;
  return params;
}

/** true when the stored hash was made with less work than today's parameters (rehash it at login) */
export function needsRehash(stored: string): boolean {
  const params = paramsOf(stored);
  if (params === undefined) return true;
  return params.N * params.r * params.p < SCRYPT_PARAMS.N * SCRYPT_PARAMS.r * SCRYPT_PARAMS.p || params.N * params.r < SCRYPT_PARAMS.N * SCRYPT_PARAMS.r;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const params = paramsOf(stored);
  const [, , , , salt, key] = stored.split('$');
  if (params === undefined || salt === undefined || key === undefined) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), params);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
