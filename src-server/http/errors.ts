import type { FastifyError, FastifyInstance } from 'fastify';
import type { ZodError } from 'zod';
import type { ServerErrorBody, ServerErrorCode } from '../../src-shared/http/errors';

type Issue = NonNullable<ServerErrorBody['error']['issues']>[number];

/** An error whose status, code and message are safe to show to the client. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ServerErrorCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function zodIssues(error: ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

export function errorBody(
  code: ServerErrorCode,
  message: string,
  issues?: Issue[],
): ServerErrorBody {
  return { error: issues ? { code, message, issues } : { code, message } };
}

/** Maps fastify's own errors (body parser, limits) to our codes with a plain message. */
function fromFastifyError(error: FastifyError): HttpError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, 'payload_too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new HttpError(400, 'bad_request', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpError(400, 'bad_request', 'The request body is empty');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(415, 'bad_request', 'The request body must be application/json');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpError(400, 'bad_request', 'The Content-Length header is wrong');
  }
  if (error instanceof SyntaxError) {
    return new HttpError(400, 'bad_request', 'The request body is not valid JSON');
  }
  if (error.statusCode === 429) {
    return new HttpError(429, 'rate_limited', 'Too many attempts; try again later');
  }
  return null;
}

/** Every 4xx/5xx leaves as a ServerErrorBody; internals (stacks, SQL) never leave the server. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = error instanceof HttpError ? error : fromFastifyError(error);
    if (known) {
      if (known.statusCode >= 500) request.log.error({ err: error }, known.message);
      return reply.code(known.statusCode).send(errorBody(known.code, known.message, known.issues));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      request.log.info({ err: error }, 'client error');
      return reply.code(status).send(errorBody('bad_request', 'The request is not valid'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(errorBody('internal', 'Internal server error'));
  });

  app.setNotFoundHandler((request, reply) => {
    return reply
      .code(404)
      .send(
        errorBody(
          'not_found',
          `No route ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 200)}`,
        ),
      );
  });
}
