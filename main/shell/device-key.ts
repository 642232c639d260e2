// The desktop app keeps the desk's device key (main/core/keys.ts) sealed by the OS keychain
// through Electron safeStorage: DPAPI on Windows, the Keychain on macOS, the Secret Service
// or KWallet on Linux. Only the main process may use safeStorage, so it unseals the key and
// hands it to the core's utility process in its first message (core-host.ts).
import type { SafeStorage } from 'electron';
import type { KeySealer } from '../core/keys';
import { fileModeSealer } from '../core/keys';

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: () => string;
};

/**
 * The OS keychain's sealer; where the OS offers none (safeStorage unavailable) the key is kept
 * as the browser host keeps it, in a file only this OS user may read, and `weak` says so.
 */
export function keychainSealer(safeStorage: SafeStorageLike): KeySealer & { weak: boolean } {
  if (!safeStorage.isEncryptionAvailable()) return { ...fileModeSealer, describe: 'no OS keychain: a file readable by this OS user only', weak: true };
  const backend = process.platform === 'linux' ? (safeStorage.getSelectedStorageBackend?.() ?? 'unknown') : process.platform;
  return {
    describe: `the OS keychain (${backend})`,
    // Linux without a Secret Service falls back to a fixed password: no better than the file mode
    weak: backend === 'basic_text',
    seal: (plain) => safeStorage.encryptString(plain.toString('hex')),
    open: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'hex'),
  };
}
