import {
  getComposedPrimaryKeyOfDocumentData,
  getRxReplicationMetaInstanceSchema,
  type RxCollection,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorageInstance,
} from 'rxdb';

/** A row of RxDB's replication state: a checkpoint, or a document's assumed master state. */
export type ReplicationMetaRow = {
  id: string;
  isCheckpoint: string;
  itemId: string;
  checkpointData?: { id?: string; lwt?: number };
  docData?: unknown;
  isResolvedConflict?: string;
};

export type ReplicationMeta = {
  instance: RxStorageInstance<ReplicationMetaRow, unknown, unknown>;
  /** The row id RxDB composes from (isCheckpoint, itemId). */
  rowId(isCheckpoint: '0' | '1', itemId: string): string;
  /** The upstream checkpoint, if RxDB stored one. */
  upstreamCheckpoint(): Promise<RxDocumentData<ReplicationMetaRow> | undefined>;
  close(): Promise<void>;
};

/**
 * Opens the table of a collection's replication state, as RxDB 17's replication plugin names
 * and shapes it (plugins/replication: the meta instance's collection name and schema), so that
 * startSync can repair it before the replication starts.
 */
export async function openReplicationMeta(
  collection: RxCollection<unknown>,
  replicationIdentifier: string,
): Promise<ReplicationMeta> {
  const database = collection.database;
  const hash = await database.hashFunction([collection.name, replicationIdentifier].join('-'));
  const schema = getRxReplicationMetaInstanceSchema(
    collection.schema.jsonSchema,
    false,
  ) as unknown as RxJsonSchema<ReplicationMetaRow>;
  const instance = await database.storage.createStorageInstance<ReplicationMetaRow>({
    databaseName: database.name,
    collectionName: `rx-replication-meta-${hash}`,
    databaseInstanceToken: database.token,
    multiInstance: false,
    options: {},
    schema: schema as never,
    devMode: false,
  });
  const rowId = (isCheckpoint: '0' | '1', itemId: string) =>
    getComposedPrimaryKeyOfDocumentData(schema, { isCheckpoint, itemId });
  return {
    instance: instance as ReplicationMeta['instance'],
    rowId,
    async upstreamCheckpoint() {
      const [stored] = await instance.findDocumentsById([rowId('1', 'up')], false);
      return stored;
    },
    close: () => instance.close(),
  };
}
