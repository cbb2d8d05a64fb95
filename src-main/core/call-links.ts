/**
 * What the agent attached to a call while it was on: work orders opened from it and a
 * customer chosen for an unknown caller. The interaction document is written when wrap-up
 * ends and reads both from here; kept in memory only, like the call itself.
 */
export class CallLinks {
  readonly #workOrders = new Map<string, string[]>();
  readonly #customers = new Map<string, string>();

  addWorkOrder(callId: string, workOrderId: string): void {
    const ids = this.#workOrders.get(callId) ?? [];
    if (!ids.includes(workOrderId)) this.#workOrders.set(callId, [...ids, workOrderId]);
  }

  workOrdersFor(callId: string): string[] {
    return this.#workOrders.get(callId) ?? [];
  }

  setCustomer(callId: string, customerId: string): void {
    this.#customers.set(callId, customerId);
  }

  customerFor(callId: string): string | undefined {
    return this.#customers.get(callId);
  }

  /** The call's interaction is written: nothing more will read its links. */
  forget(callId: string): void {
    this.#workOrders.delete(callId);
    this.#customers.delete(callId);
  }
}
