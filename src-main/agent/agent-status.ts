import type { AgentModel, AgentStatus, CallModel } from './agent-types.js';

export function primaryCall(model: AgentModel): CallModel | undefined {
  return model.calls.find((c) => c.role === 'primary');
}

export function consultCall(model: AgentModel): CallModel | undefined {
  return model.calls.find((c) => c.role === 'consult');
}

/** Status is derived from the model: calls first, then wrap-up, then presence. */
export function agentStatus(model: AgentModel): AgentStatus {
  if (consultCall(model)) return 'consulting';
  const primary = primaryCall(model);
  if (primary) {
    switch (primary.phase) {
      case 'offered':
        return 'offered';
      case 'dialing':
      case 'ringing':
        return primary.direction === 'inbound' ? 'offered' : 'dialing';
      case 'talking':
        return 'talking';
      case 'held':
        return 'held';
    }
  }
  if (model.wrapUp) return 'wrap-up';
  return model.presence.kind;
}
