import type { FastifyServerOptions } from 'fastify';

/**
 * pino options: credentials never reach the logs, whether in headers or in bodies that
 * a route might log on error.
 */
export function loggerOptions(
  level: string,
  stream?: NodeJS.WritableStream,
): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        '*.password',
        '*.refreshToken',
        '*.accessToken',
        'body.password',
        'body.refreshToken',
      ],
      censor: '[redacted]',
    },
  };
}
