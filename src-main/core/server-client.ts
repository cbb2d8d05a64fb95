import type { z } from 'zod';
import { TokenPairSchema, type LoginRequest, type TokenPair } from '../../src-shared/http/auth';
import {
  CustomerSearchResultSchema,
  type CustomerSearchQuery,
  type CustomerSearchResult,
} from '../../src-shared/http/customers';
import { ServerErrorBodySchema, type ServerErrorCode } from '../../src-shared/http/errors';
import { SipAccountSchema, type SipAccountResponse } from '../../src-shared/http/sip-account';
import { ContractError, type ContractErrorCode } from '../../src-shared/contract/errors';

const REQUEST_TIMEOUT_MS = 10_000;

/** How the central server's error codes surface to the renderer. */
const CONTRACT_CODE_FOR: Record<ServerErrorCode, ContractErrorCode> = {
  bad_request: 'bad_request',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  not_found: 'server_error',
  payload_too_large: 'payload_too_large',
  rate_limited: 'server_error',
  conflict: 'server_error',
  internal: 'server_error',
};

export type ReachabilityListener = (reachable: boolean) => void;

/**
 * Talks HTTP to the central server and checks every answer against the shared schemas:
 * the server is a boundary too.
 */
export class ServerClient {
  readonly baseUrl: string;
  readonly #onReachability: ReachabilityListener;

  constructor(baseUrl: string, onReachability: ReachabilityListener) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.#onReachability = onReachability;
  }

  login(request: LoginRequest): Promise<TokenPair> {
    return this.#request('POST', '/api/auth/login', { body: request }, TokenPairSchema);
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.#request('POST', '/api/auth/refresh', { body: { refreshToken } }, TokenPairSchema);
  }

  async logout(refreshToken: string): Promise<void> {
    await this.#request('POST', '/api/auth/logout', { body: { refreshToken } }, null);
  }

  searchCustomers(accessToken: string, query: CustomerSearchQuery): Promise<CustomerSearchResult> {
    const params = new URLSearchParams({
      q: query.q,
      limit: String(query.limit),
      offset: String(query.offset),
    });
    return this.#request(
      'GET',
      `/api/customers?${params.toString()}`,
      { accessToken },
      CustomerSearchResultSchema,
    );
  }

  /** The signed-in user's SIP account; null when the server has none for him (404). */
  sipAccount(accessToken: string): Promise<SipAccountResponse | null> {
    return this.#request(
      'GET',
      '/api/me/sip-account',
      { accessToken, nullOn404: true },
      SipAccountSchema,
    );
  }

  async #request<T>(
    method: 'GET' | 'POST',
    route: string,
    options: { body?: unknown; accessToken?: string; nullOn404?: true },
    schema: z.ZodType<T> | null,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${route}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch {
      this.#onReachability(false);
      throw new ContractError({
        code: 'server_unreachable',
        message: `the central server at ${this.baseUrl} did not answer`,
      });
    }
    this.#onReachability(true);
    const body: unknown = response.status === 204 ? undefined : await readJson(response);
    if (response.status === 404 && options.nullOn404) return null as T;
    if (!response.ok) throw errorFromResponse(response.status, body);
    if (schema === null) return undefined as T;
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ContractError({
        code: 'server_error',
        message: `the central server answered ${route} with an unexpected body`,
      });
    }
    return parsed.data;
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function errorFromResponse(status: number, body: unknown): ContractError {
  const parsed = ServerErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, issues } = parsed.data.error;
    return new ContractError({
      code: CONTRACT_CODE_FOR[code],
      message,
      ...(issues ? { issues } : {}),
    });
  }
  return new ContractError({
    code: status === 401 ? 'unauthorized' : 'server_error',
    message: `the central server answered HTTP ${status}`,
  });
}
