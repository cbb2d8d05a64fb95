import { generateInteraction, generateWorkOrder, type ActivityContext } from './generate-activity';
import type { DemoInteraction, DemoWorkOrder } from './generate-activity';
import { generateCustomer, type DemoCustomer } from './generate-customer';
import { DemoRandom } from './random';

export type { DemoCustomer } from './generate-customer';
export type { DemoInteraction, DemoWorkOrder } from './generate-activity';

export const DEFAULT_DEMO_SIZE = 3000;
export const DEFAULT_DEMO_SEED = 20_240_601;
/** Fixed so that the same seed and size give byte-identical data on any day. */
export const DEFAULT_REFERENCE_TIME = '2026-01-15T08:00:00.000Z';

export interface DemoGeneratorOptions {
  seed?: number;
  /** Number of customers. */
  size?: number;
  /** "Now" of the demo world; all generated times lie before it. */
  referenceTime?: string;
  /** Prefix of account numbers, e.g. 'C' → 'C00000001'. Upper-case. */
  accountPrefix?: string;
  agentIds: readonly string[];
  technicianIds: readonly string[];
}

/** One customer with its work orders and contact history. */
export interface DemoRecord {
  customer: DemoCustomer;
  workOrders: DemoWorkOrder[];
  interactions: DemoInteraction[];
}

/**
 * Yields the demo data customer by customer, so that a million customers stream through
 * in constant memory.
 */
export function* generateDemo(options: DemoGeneratorOptions): Generator<DemoRecord> {
  if (options.agentIds.length === 0 || options.technicianIds.length === 0) {
    throw new Error('demo data needs at least one agent and one technician');
  }
  const size = options.size ?? DEFAULT_DEMO_SIZE;
  const rng = new DemoRandom(options.seed ?? DEFAULT_DEMO_SEED);
  const refMs = Date.parse(options.referenceTime ?? DEFAULT_REFERENCE_TIME);
  const accountPrefix = options.accountPrefix ?? 'C';
  let workOrderSeq = 0;
  const ctx: ActivityContext = {
    rng,
    refMs,
    agentIds: options.agentIds,
    technicianIds: options.technicianIds,
    nextWorkOrderNumber: () => `WO${String(++workOrderSeq).padStart(8, '0')}`,
  };

  for (let index = 0; index < size; index++) {
    const customer = generateCustomer(rng, index, accountPrefix, refMs);
    const workOrders = Array.from(
      {
        length: rng.weighted([
          { weight: 55, value: 0 },
          { weight: 28, value: 1 },
          { weight: 12, value: 2 },
          { weight: 5, value: 3 },
        ]),
      },
      () => generateWorkOrder(ctx, customer),
    );
    const interactions = [
      ...workOrders.map((workOrder) => generateInteraction(ctx, customer, workOrder)),
      ...Array.from({ length: rng.int(0, 4) }, () => generateInteraction(ctx, customer, null)),
    ];
    yield { customer, workOrders, interactions };
  }
}
