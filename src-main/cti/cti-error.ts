/** Every failure a CtiLink command can raise, typed so that the UI can say something precise. */
export type CtiErrorCode =
  | 'engine-not-found'
  | 'engine-unavailable'
  | 'no-such-call'
  | 'invalid-argument'
  | 'not-supported'
  | 'command-failed'
  | 'timeout';

export class CtiError extends Error {
  override readonly name = 'CtiError';
  constructor(
    readonly code: CtiErrorCode,
    message: string,
  ) {
    super(message);
  }
}
