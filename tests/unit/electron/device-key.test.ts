import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keychainSealer } from '../../../main/shell/device-key';
import { loadDeviceKey } from '../../../main/core/keys';

// safeStorage as the OS keychain behaves: what it seals only it can open.
function fakeSafeStorage(available: boolean, backend = 'gnome_libsecret') {
  const secret = 0x42;
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text: string) => Buffer.from([...Buffer.from(`v11${text}`)].map((b) => b ^ secret)),
    decryptString: (sealed: Buffer) => {
      const text = Buffer.from([...sealed].map((b) => b ^ secret)).toString();
      if (!text.startsWith('v11')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text.slice(3);
    },
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the device key in the desktop app', () => {
  it('is sealed by the OS keychain: the file never holds the key itself', () => {
    const dir = mkdtempSync(join(tmpdir(), 'device-key-'));
    dirs.push(dir);
    const sealer = keychainSealer(fakeSafeStorage(true));
    const key = loadDeviceKey(join(dir, 'device-key'), sealer);
    const onDisk = readFileSync(join(dir, 'device-key'));
    expect(onDisk.includes(key)).toBe(false);
    expect(onDisk.includes(Buffer.from(key.toString('hex')))).toBe(false);
    expect(loadDeviceKey(join(dir, 'device-key'), sealer).equals(key)).toBe(true);
    expect(sealer.weak).toBe(false);
  });

  it('says the protection is weak where Linux has no keyring (basic_text) or no keychain at all', () => {
    if (process.platform === 'linux') expect(keychainSealer(fakeSafeStorage(true, 'basic_text')).weak).toBe(true);
    const none = keychainSealer(fakeSafeStorage(false));
    expect(none.weak).toBe(true);
    expect(none.describe).toMatch(/no OS keychain/);
  });
});
