import type { z } from 'zod';
import { ContractError } from '../../src-shared/contract/errors';
import {
  DirectorySchema,
  PresenceLeaseSchema,
  type Directory,
  type PresenceLease,
  type PresenceReport,
} from '../../src-shared/http/directory';
import { ServerErrorBodySchema } from '../../src-shared/http/errors';

const REQUEST_TIMEOUT_MS = 5_000;
/** The directory is a few hundred rows; anything far bigger is not a directory. */
const MAX_DIRECTORY_BYTES = 2 * 1024 * 1024;

export type PresenceClientOptions = {
  baseUrl: string;
  /** Told whether the server answered, like the core's other server requests. */
  onReachability?: (reachable: boolean) => void;
  timeoutMs?: number;
};

/**
 * The two presence routes of the central server (PUT /api/me/presence, GET /api/directory),
 * with every answer checked against the shared schemas. Errors are ContractErrors, so that
 * Session.authorized refreshes the token on a 401 as for any other request.
 */
export class PresenceClient {
  readonly #baseUrl: string;
  readonly #onReachability: (reachable: boolean) => void;
  readonly #timeoutMs: number;

  constructor(options: PresenceClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#onReachability = options.onReachability ?? (() => undefined);
    this.#timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  }

  report(accessToken: string, report: PresenceReport, timeoutMs?: number): Promise<PresenceLease> {
    return this.#request(
      'PUT',
      '/api/me/presence',
      accessToken,
      PresenceLeaseSchema,
      report,
      timeoutMs,
    );
  }

  directory(accessToken: string): Promise<Directory> {
    return this.#request('GET', '/api/directory', accessToken, DirectorySchema);
  }

  async #request<T>(
    method: 'GET' | 'PUT',
    route: string,
    accessToken: string,
    schema: z.ZodType<T>,
    body?: unknown,
    timeoutMs = this.#timeoutMs,
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.#baseUrl}${route}`, {
        method,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${accessToken}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      this.#onReachability(false);
      throw new ContractError({
        code: 'server_unreachable',
        message: `the central server at ${this.#baseUrl} did not answer`,
      });
    }
    this.#onReachability(true);
    const text = await response.text().catch(() => '');
    if (text.length > MAX_DIRECTORY_BYTES) {
      throw new ContractError({ code: 'server_error', message: `${route} answered too much` });
    }
    const json = parseJson(text);
    if (!response.ok) throw errorOf(response.status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ContractError({
        code: 'server_error',
        message: `the central server answered ${route} with an unexpected body`,
      });
    }
    return parsed.data;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorOf(status: number, body: unknown): ContractError {
  const code = ServerErrorBodySchema.safeParse(body).data?.error.code;
  if (status === 401 || code === 'unauthorized') {
    return new ContractError({ code: 'unauthorized', message: 'the access token was refused' });
  }
  if (status === 403 || code === 'forbidden') {
    return new ContractError({ code: 'forbidden', message: 'this role has no directory' });
  }
  return new ContractError({
    code: status === 400 ? 'bad_request' : 'server_error',
    message: `the central server answered HTTP ${status}`,
  });
}
