// The keys that keep a desk's data unreadable at rest (DESIGN.md "Reliability and security").
//
// - The device key: 32 random bytes made once per data folder. The host seals it before it is
//   written: the desktop app with the OS keychain (Electron safeStorage, main/shell/), the
//   browser host — a development and test host — with nothing but the file's 0600 mode.
// - The cache key of one (server, user): HMAC-SHA256 of the device key over the user and the
//   user's cache secret, which that user's case server makes at random and hands out at login
//   only (so it differs per server too). So a
//   cache opens only on the device that wrote it AND for a user who signed in there: another
//   agent on the same shared workstation account cannot derive it, and once its user signs
//   out (the session file, which holds the secret, is deleted) the cache stays locked until
//   that user signs in again.
// - The session file (token and cache secret) is sealed with AES-256-GCM under a key derived
//   from the device key.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { makePrivateDir } from './private-files';
import { dirname } from 'node:path';
import type { CoreLogger } from './logger';

/** How a host protects the device key on disk. */
export type KeySealer = {
  /** said in the log at start, e.g. "OS keychain (gnome_libsecret)" */
  describe: string;
  seal(plain: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
};

/** The browser host's sealer: the key is kept as it is, in a file only its OS user may read. */
export const fileModeSealer: KeySealer = {
  describe: 'a file readable by this OS user only (browser host)',
  seal: (plain) => Buffer.from(plain),
  open: (sealed) => Buffer.from(sealed),
};

const DEVICE_KEY_BYTES = 32;

function writeAtomically(file: string, data: Buffer): void {
  makePrivateDir(dirname(file));
  writeFileSync(`${file}.tmp`, data, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/**
 * The device key kept in `file`, made and sealed there on first use. A file that does not
 * unseal (the keychain was reset, the folder was copied from another machine) is an error:
 * the caller decides; nothing is overwritten here, because the outboxes it locks may hold
 * work not yet sent.
 */
export function loadDeviceKey(file: string, sealer: KeySealer): Buffer {
  let sealed: Buffer | null = null;
  try {
    sealed = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (sealed === null) {
    const key = randomBytes(DEVICE_KEY_BYTES);
    writeAtomically(file, sealer.seal(key));
    return key;
  }
  const key = sealer.open(sealed);
  if (key.length !== DEVICE_KEY_BYTES) throw new Error(`the device key in ${file} does not unseal to ${DEVICE_KEY_BYTES} bytes`);
  return key;
}

/**
 * The device key, or — when the file no longer unseals (the OS keychain was reset) — a new
 * one, the old file kept aside: every cache is then rebuilt from the server, every session must
 * sign in again and any outbox it locked is kept aside (outbox-store.ts), said in the log.
 */
export function loadOrReplaceDeviceKey(file: string, sealer: KeySealer, logger: CoreLogger): Buffer {
  try {
    return loadDeviceKey(file, sealer);
  } catch (error) {
    const aside = `${file}.unreadable-${Date.now()}`;
    logger.error({ err: error, file, aside }, 'the device key does not unseal; a new one is made and every cache rebuilt');
    renameSync(file, aside);
    return loadDeviceKey(file, sealer);
  }
}

function derive(deviceKey: Buffer, purpose: string, ...parts: string[]): Buffer {
  return createHmac('sha256', deviceKey).update([purpose, ...parts].join('\n')).digest();
}

/** The key of one (server, user)'s cache and outbox files, as the hex SQLite3MultipleCiphers takes. */
export function cacheKeyHex(deviceKey: Buffer, staffId: string, cacheSecret: string): string {
  return derive(deviceKey, 'tawasul cache v1', staffId, cacheSecret).toString('hex');
}

const SEAL_VERSION = 1;

/** AES-256-GCM under a key derived from the device key: version byte, 12-byte nonce, tag, data. */
export function sealWithDeviceKey(deviceKey: Buffer, purpose: string, plain: Buffer): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derive(deviceKey, `tawasul seal v1 ${purpose}`), nonce);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.from([SEAL_VERSION]), nonce, cipher.getAuthTag(), body]);
}

/** The plain bytes, or null when the data was not sealed by this device key for this purpose (or was altered). */
export function openWithDeviceKey(deviceKey: Buffer, purpose: string, sealed: Buffer): Buffer | null {
  if (sealed.length < 1 + 12 + 16 || sealed[0] !== SEAL_VERSION) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', derive(deviceKey, `tawasul seal v1 ${purpose}`), sealed.subarray(1, 13));
    decipher.setAuthTag(sealed.subarray(13, 29));
    return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
  } catch {
    return null;
  }
}
