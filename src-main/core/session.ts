import type { LoginRequest, TokenPair } from '../../src-shared/http/auth';
import type { UserProfile } from '../../src-shared/domain/user';
import { ContractError } from '../../src-shared/contract/errors';
import type { ServerClient } from './server-client';
import type { TokenVault } from './token-vault';

/** Refresh this long before the access token expires, so a request never races its expiry. */
const REFRESH_MARGIN_MS = 30_000;

/**
 * The signed-in user and the tokens behind it. The access token lives only in memory here;
 * the refresh token goes to the vault so a restart can resume the session.
 */
export class Session {
  readonly #client: ServerClient;
  readonly #vault: TokenVault;
  readonly #onChange: (user: UserProfile | null) => void;
  readonly #now: () => number;
  readonly #beforeSignIn: (user: UserProfile) => Promise<void>;
  #tokens: TokenPair | null = null;
  #refreshing: Promise<TokenPair> | null = null;

  constructor(
    client: ServerClient,
    vault: TokenVault,
    onChange: (user: UserProfile | null) => void,
    now: () => number = Date.now,
    /** Runs before a different user becomes the signed-in one (his replica opens here). */
    beforeSignIn: (user: UserProfile) => Promise<void> = async () => undefined,
  ) {
    this.#client = client;
    this.#vault = vault;
    this.#onChange = onChange;
    this.#now = now;
    this.#beforeSignIn = beforeSignIn;
  }

  get user(): UserProfile | null {
    return this.#tokens?.user ?? null;
  }

  async login(request: LoginRequest): Promise<UserProfile> {
    const tokens = await this.#client.login(request);
    await this.#adopt(tokens);
    return tokens.user;
  }

  /** Resumes a session from the vault's refresh token; quietly stays signed out if it can't. */
  async resume(): Promise<UserProfile | null> {
    const refreshToken = await this.#vault.load();
    if (!refreshToken) return null;
    try {
      await this.#adopt(await this.#client.refresh(refreshToken));
    } catch (error) {
      if (error instanceof ContractError && error.code === 'unauthorized')
        await this.#vault.clear();
      return null;
    }
    return this.user;
  }

  async logout(): Promise<void> {
    const tokens = this.#tokens;
    this.#tokens = null;
    await this.#vault.clear();
    this.#onChange(null);
    if (tokens) {
      // The local sign-out already happened; a server that cannot be told simply lets the
      // refresh token expire.
      await this.#client.logout(tokens.refreshToken).catch(() => undefined);
    }
  }

  /** Runs an authorized request, refreshing the access token first or once after a 401. */
  async authorized<T>(request: (accessToken: string) => Promise<T>): Promise<T> {
    let tokens = this.#requireTokens();
    if (Date.parse(tokens.accessTokenExpiresAt) - this.#now() < REFRESH_MARGIN_MS) {
      tokens = await this.#refresh();
    }
    try {
      return await request(tokens.accessToken);
    } catch (error) {
      if (!(error instanceof ContractError) || error.code !== 'unauthorized') throw error;
      return request((await this.#refresh()).accessToken);
    }
  }

  #requireTokens(): TokenPair {
    if (!this.#tokens) throw new ContractError({ code: 'unauthorized', message: 'not signed in' });
    return this.#tokens;
  }

  /** One refresh at a time: parallel requests share it, or rotation would revoke the family. */
  #refresh(): Promise<TokenPair> {
    this.#refreshing ??= this.#doRefresh().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #doRefresh(): Promise<TokenPair> {
    const current = this.#requireTokens();
    try {
      const tokens = await this.#client.refresh(current.refreshToken);
      await this.#adopt(tokens);
      return tokens;
    } catch (error) {
      if (error instanceof ContractError && error.code === 'unauthorized') {
        this.#tokens = null;
        await this.#vault.clear();
        this.#onChange(null);
      }
      throw error;
    }
  }

  async #adopt(tokens: TokenPair): Promise<void> {
    const changed = this.#tokens?.user.id !== tokens.user.id;
    // Nothing may read as the new user (the renderer neither) before his replica is open.
    if (changed) await this.#beforeSignIn(tokens.user);
    this.#tokens = tokens;
    await this.#vault.save(tokens.refreshToken);
    if (changed) this.#onChange(tokens.user);
  }
}
