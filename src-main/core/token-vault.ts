/**
 * Where the core keeps the refresh token between runs. Electron's implementation encrypts
 * it with safeStorage; the browser host keeps it in memory only.
 */
export type TokenVault = {
  load(): Promise<string | null>;
  save(refreshToken: string): Promise<void>;
  clear(): Promise<void>;
};

export class MemoryTokenVault implements TokenVault {
  #token: string | null = null;

  async load(): Promise<string | null> {
    return this.#token;
  }

  async save(refreshToken: string): Promise<void> {
    this.#token = refreshToken;
  }

  async clear(): Promise<void> {
    this.#token = null;
  }
}
