import type { AgentSession } from '../../../src-main/agent/agent-session.js';
import type { AgentModel } from '../../../src-main/agent/agent-types.js';
import { onSippFailure } from './sipp.js';

/** Resolves when the agent's model satisfies `ok`; fails fast if a SIPp of this test fails. */
export function waitForAgent(
  session: AgentSession,
  what: string,
  ok: (model: AgentModel) => boolean,
  timeoutMs = 10_000,
): Promise<AgentModel> {
  return new Promise((resolve, reject) => {
    if (ok(session.model)) {
      resolve(session.model);
      return;
    }
    const done = () => {
      clearTimeout(timer);
      offChange();
      offSipp();
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`agent never reached "${what}"; status ${session.status}`));
    }, timeoutMs);
    const offSipp = onSippFailure((why) => {
      done();
      reject(new Error(`while waiting for "${what}": ${why}`));
    });
    const offChange = session.onChange((model) => {
      if (!ok(model)) return;
      done();
      resolve(model);
    });
  });
}
