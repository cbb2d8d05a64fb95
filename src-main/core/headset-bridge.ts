import type { CommandHandlers } from '../../src-shared/contract/contract';
import { ContractError } from '../../src-shared/contract/errors';
import type { AgentSnapshot } from '../../src-shared/domain/agent';
import type { HeadsetStatus } from '../../src-shared/domain/headset';
import type { CallIndication, HeadsetEvent, HeadsetManager } from '../headset';
import type { CoreEvents } from './core-events';
import type { Dispatch } from './dispatch';

export type HeadsetHandlers = Pick<CommandHandlers, 'headset.get' | 'headset.select'>;

export type HeadsetBridge = { handlers: HeadsetHandlers; dispose(): void };

/**
 * Joins the headset to the call model both ways. Buttons become contract commands, so they get
 * exactly the checks a click gets; the lights follow the agent's state however it changed
 * (screen, keyboard, headset, the caller hanging up). Unplugging a headset never ends a call.
 */
export function bridgeHeadset(options: {
  manager: HeadsetManager | null;
  events: CoreEvents;
  dispatch: Dispatch;
  warn: (message: string) => void;
}): HeadsetBridge {
  const { manager, events, dispatch, warn } = options;
  let snapshot: AgentSnapshot | null = null;

  const status = (): HeadsetStatus => ({
    supported: manager !== null,
    devices: (manager?.list() ?? []).map((device) => ({
      path: device.path,
      name: device.product ?? `${hex(device.vendorId)}:${hex(device.productId)}`,
      vendorId: device.vendorId,
      productId: device.productId,
    })),
    activePath: manager?.activePath() ?? null,
  });

  const handlers: HeadsetHandlers = {
    'headset.get': async () => status(),
    'headset.select': async ({ path }) => {
      if (!manager || !manager.list().some((device) => device.path === path)) {
        throw new ContractError({ code: 'bad_request', message: 'no such headset' });
      }
      await manager.select(path);
      return status();
    },
  };
  if (!manager) return { handlers, dispose: () => undefined };

  const run = (command: string, args: unknown = {}): void => {
    void dispatch(command, args).then((outcome) => {
      if (!outcome.ok) warn(`headset ${command} refused: ${outcome.error.message}`);
    });
  };

  const onButton = (event: HeadsetEvent): void => {
    const state = snapshot?.status;
    const call = snapshot?.calls.find((entry) => entry.role === 'primary');
    switch (event.type) {
      case 'hook-off':
        if (state === 'offered') run('call.answer');
        return;
      case 'hook-on':
        if (call && state !== 'offered') run('call.hangUp');
        return;
      case 'mute-toggle':
        if (call) run('call.setMuted', { muted: !call.muted });
        return;
      case 'flash':
        if (call?.phase === 'held') run('call.retrieve');
        else if (call?.phase === 'talking') run('call.hold');
        return;
      case 'reject':
      case 'drop':
        if (state === 'offered') run('call.reject');
        else if (call) run('call.hangUp');
        return;
      case 'digit':
        if (call?.phase === 'talking') run('call.sendDtmf', { digits: event.digit });
        return;
      case 'redial':
        // Redial needs the last dialled number, which the console keeps; not wired yet.
        return;
    }
  };

  const publish = (): void => events.emit('headset.changed', status());
  const stops = [
    events.subscribe((event, payload) => {
      if (event !== 'agent.changed') return;
      snapshot = payload as AgentSnapshot;
      void manager.indicate(indicationFor(snapshot)).catch((error: unknown) => {
        warn(`headset lights: ${String(error)}`);
      });
    }),
  ];
  manager.on('event', onButton);
  manager.on('headsets', publish);
  manager.on('active', publish);
  return {
    handlers,
    dispose() {
      stops.forEach((stop) => stop());
      manager.off('event', onButton);
      manager.off('headsets', publish);
      manager.off('active', publish);
    },
  };
}

/** What the headset should show for the agent's state. */
export function indicationFor(snapshot: AgentSnapshot): CallIndication {
  const call = snapshot.calls.find((entry) => entry.role === 'primary');
  const ringing = snapshot.status === 'offered';
  return {
    ringing,
    offHook: !ringing && call !== undefined && call.phase !== 'held',
    muted: call?.muted ?? false,
    held: call?.phase === 'held',
  };
}

function hex(value: number): string {
  return value.toString(16).padStart(4, '0');
}
