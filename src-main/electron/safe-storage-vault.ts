import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { safeStorage } from 'electron';
import { MemoryTokenVault, type TokenVault } from '../core/token-vault';

/**
 * The refresh token, encrypted with the OS keychain through safeStorage. Where the only
 * backend is plain text (Linux without a keyring), nothing is written to disk: the agent signs
 * in again after a restart rather than leave a usable token readable on disk.
 */
export function createSafeStorageVault(
  dataDir: string,
  warn: (message: string) => void,
): TokenVault {
  const plainText =
    process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || plainText) {
    warn('no OS keychain available: the session will not survive a restart');
    return new MemoryTokenVault();
  }
  const file = path.join(dataDir, 'session.bin');
  return {
    async load() {
      try {
        return safeStorage.decryptString(await readFile(file));
      } catch {
        return null;
      }
    },
    async save(refreshToken) {
      await mkdir(dataDir, { recursive: true });
      await writeFile(file, safeStorage.encryptString(refreshToken), { mode: 0o600 });
    },
    async clear() {
      await rm(file, { force: true });
    },
  };
}
