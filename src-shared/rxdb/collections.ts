import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { customerMigrations, customerSchema, type CustomerDoc } from './customers';
import { interactionMigrations, interactionSchema, type InteractionDoc } from './interactions';
import { referenceMigrations, referenceSchema, type ReferenceDoc } from './reference';
import { workOrderMigrations, workOrderSchema, type WorkOrderDoc } from './work-orders';

export type ReplicaDocTypes = {
  customers: CustomerDoc;
  work_orders: WorkOrderDoc;
  interactions: InteractionDoc;
  reference: ReferenceDoc;
};

export type ReplicaCollectionName = keyof ReplicaDocTypes;

type CollectionSpec<T> = { schema: RxJsonSchema<T>; migrationStrategies: MigrationStrategies };

/** Every collection of the replica; main and renderer open exactly these. */
export const REPLICA_COLLECTIONS: {
  [K in ReplicaCollectionName]: CollectionSpec<ReplicaDocTypes[K]>;
} = {
  customers: {
    schema: customerSchema as RxJsonSchema<CustomerDoc>,
    migrationStrategies: customerMigrations,
  },
  work_orders: {
    schema: workOrderSchema as RxJsonSchema<WorkOrderDoc>,
    migrationStrategies: workOrderMigrations,
  },
  interactions: {
    schema: interactionSchema as RxJsonSchema<InteractionDoc>,
    migrationStrategies: interactionMigrations,
  },
  reference: {
    schema: referenceSchema as RxJsonSchema<ReferenceDoc>,
    migrationStrategies: referenceMigrations,
  },
};
