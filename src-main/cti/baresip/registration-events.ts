import type { CtiEvent, RegistrationState } from '../cti-link.js';
import type { CtrlEvent } from './ctrl-messages.js';

const STATES: Record<string, RegistrationState> = {
  REGISTERING: 'registering',
  REGISTER_OK: 'registered',
  REGISTER_FAIL: 'failed',
  UNREGISTERING: 'unregistered',
};

export function mapRegistrationEvent(event: CtrlEvent): CtiEvent | undefined {
  const state = STATES[event.type];
  return state ? { type: 'registration', state, detail: event.param ?? '' } : undefined;
}
