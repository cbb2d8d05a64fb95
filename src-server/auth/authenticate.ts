import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors';
import type { AccessClaims, AccessTokens } from './access-tokens';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authenticate hook on protected routes; null elsewhere. */
    auth: AccessClaims | null;
  }
}

/** The verified claims of the request; only for routes that run the authenticate hook. */
export function claimsOf(request: FastifyRequest): AccessClaims {
  if (!request.auth) throw new Error('route is not protected by the authenticate hook');
  return request.auth;
}

/** An onRequest hook that admits only requests bearing a valid access token. */
export function authenticate(tokens: AccessTokens) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    // The scheme is case-insensitive (RFC 7235); the token is a compact JWS.
    const match = header ? /^Bearer +([A-Za-z0-9._~+/=-]+)$/i.exec(header) : null;
    if (!match?.[1]) {
      throw new HttpError(401, 'unauthorized', 'A valid access token is required');
    }
    const claims = await tokens.verify(match[1]);
    if (!claims) throw new HttpError(401, 'unauthorized', 'The access token is invalid or expired');
    request.auth = claims;
  };
}
