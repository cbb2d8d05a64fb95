import { events, type EventName, type EventPayload } from '../../src-shared/contract/contract';

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Contract events leaving the core; every payload is checked before any transport sees it. */
export class CoreEvents {
  readonly #listeners = new Set<CoreEventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload) as EventPayload<E>;
    for (const listener of this.#listeners) listener(event, checked);
  }

  subscribe(listener: CoreEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
