import { join } from 'node:path';
import {
  ensureRxStorageInstanceParamsAreCorrect,
  RXDB_VERSION,
  type RxStorage,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import {
  acquireConnection,
  DEFAULT_PRAGMAS,
  releaseConnection,
  type ConnectionPragmas,
} from './sqlite-connection';
import {
  SqliteStorageInstance,
  type SqliteInstanceOptions,
  type SqliteInternals,
} from './sqlite-storage-instance';
import { DEFAULT_LIMITS, type SizeLimits } from './write-limits';

export type SqliteStorageSettings = Partial<SizeLimits> &
  Partial<ConnectionPragmas> & {
    /** Folder of the database files: one file per RxDB database name. */
    directory: string;
    /** Overrides the file of a database, e.g. ':memory:' in tests. */
    filename?: (databaseName: string) => string;
  };

export type SqliteRxStorage = RxStorage<SqliteInternals, SqliteInstanceOptions> & {
  readonly settings: SqliteStorageSettings;
};

/** RxDB collection names are [a-z][_$a-z0-9-]*; a table name keeps them readable. */
export function tableNameFor(collectionName: string, schemaVersion: number): string {
  return `rx_${collectionName}_v${schemaVersion}`;
}

export function databaseFile(settings: SqliteStorageSettings, databaseName: string): string {
  if (settings.filename) return settings.filename(databaseName);
  if (!/^[A-Za-z0-9_.-]+$/.test(databaseName) || databaseName.startsWith('.')) {
    throw new Error(`replica: database name "${databaseName}" is not usable as a file name`);
  }
  return join(settings.directory, `${databaseName}.sqlite`);
}

/**
 * Switchboard's RxStorage on better-sqlite3. Each collection (and schema version) is a
 * table; each RxDB index is an SQL index; see sqlite-storage-instance.ts.
 */
export function getRxStorageSqlite(settings: SqliteStorageSettings): SqliteRxStorage {
  const pragmas: ConnectionPragmas = {
    busyTimeoutMs: settings.busyTimeoutMs ?? DEFAULT_PRAGMAS.busyTimeoutMs,
    synchronous: settings.synchronous ?? DEFAULT_PRAGMAS.synchronous,
    cacheSizeKiB: settings.cacheSizeKiB ?? DEFAULT_PRAGMAS.cacheSizeKiB,
  };
  return {
    name: 'switchboard-sqlite',
    rxdbVersion: RXDB_VERSION,
    settings,
    async createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, SqliteInstanceOptions>,
    ) {
      ensureRxStorageInstanceParamsAreCorrect(params);
      const conn = acquireConnection(databaseFile(settings, params.databaseName), pragmas);
      try {
        const limits: SizeLimits = {
          maxDocumentBytes:
            params.options?.maxDocumentBytes ??
            settings.maxDocumentBytes ??
            DEFAULT_LIMITS.maxDocumentBytes,
          maxAttachmentBytes:
            params.options?.maxAttachmentBytes ??
            settings.maxAttachmentBytes ??
            DEFAULT_LIMITS.maxAttachmentBytes,
        };
        const instance = new SqliteStorageInstance<RxDocType>(
          params.databaseName,
          params.collectionName,
          params.schema,
          { conn, tableName: tableNameFor(params.collectionName, params.schema.version) },
          params.options ?? {},
          limits,
        );
        return instance;
      } catch (error) {
        releaseConnection(conn);
        throw error;
      }
    },
  };
}
