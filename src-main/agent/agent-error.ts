export type AgentErrorCode =
  | 'not-logged-in'
  | 'already-logged-in'
  | 'no-active-call'
  | 'no-offered-call'
  | 'call-not-held'
  | 'call-already-held'
  | 'busy'
  | 'in-wrap-up'
  | 'not-in-wrap-up'
  | 'disposition-required'
  | 'not-consulting'
  | 'calls-in-progress'
  | 'invalid-argument'
  | 'not-supported';

/** A command refused by the call model itself: no engine round trip was made. */
export class AgentCommandError extends Error {
  override readonly name = 'AgentCommandError';
  constructor(
    readonly code: AgentErrorCode,
    message: string,
  ) {
    super(message);
  }
}
