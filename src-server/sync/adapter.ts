import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { AccessClaims } from '../auth/access-tokens';
import type { Database } from '../db/connect';
import type { SyncCheckpoint, SyncCollection, WireDocument } from '../../src-shared/sync/protocol';

/** Who pulls: a whole tenant, or one technician's own work orders and their customers. */
export type SyncScope =
  { kind: 'tenant'; tenantId: string } | { kind: 'technician'; tenantId: string; userId: string };

export function scopeOf(claims: AccessClaims): SyncScope {
  return claims.role === 'technician'
    ? { kind: 'technician', tenantId: claims.tenantId, userId: claims.userId }
    : { kind: 'tenant', tenantId: claims.tenantId };
}

/** A document of the replica as stored in one row of the server. */
export interface SyncAdapter {
  collection: SyncCollection;
  /** Desktops only read it: every push is refused with a 403. */
  readOnly?: boolean;
  /** Every role of a tenant pulls the same documents (no technician scope, no tombstones). */
  tenantWide?: boolean;
  /** Documents of the scope changed after the checkpoint, in (serverSeq, id) order. */
  pullAfter(
    db: Database,
    scope: SyncScope,
    after: SyncCheckpoint,
    limit: number,
  ): Promise<WireDocument[]>;
  /** Documents by id within the tenant (for scope-exit tombstones). */
  byIds(db: Database, tenantId: string, ids: string[]): Promise<WireDocument[]>;
  /** The document's row in any tenant, locked until the transaction ends. */
  lock(tx: Database, id: string): Promise<{ tenantId: string; doc: WireDocument } | null>;
  /** Writes the fields of `next` that differ from `master` (their names in `changed`). */
  update(
    tx: Database,
    next: WireDocument,
    master: WireDocument,
    changed: string[],
    claims: AccessClaims,
  ): Promise<void>;
  insert(tx: Database, doc: WireDocument, claims: AccessClaims): Promise<void>;
}

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** Row-value comparison: strictly after the checkpoint in (server_seq, id) order. */
export function afterCheckpoint(seq: AnyPgColumn, id: AnyPgColumn, after: SyncCheckpoint): SQL {
  return sql`(${seq}, ${id}) > (${after.serverSeq}, ${after.id || ZERO_UUID}::uuid)`;
}

/**
 * The name of a statement on the path of every change (a pull page, a push's row lock), for
 * drizzle's prepare(): PostgreSQL parses and plans it once per pooled connection instead of on
 * every call, about half of such a statement's time. A name must always stand for the same SQL
 * text (node-postgres refuses a name with another text), so it names the query's shape, never
 * its values, which stay parameters.
 */
export function statementName(collection: SyncCollection, shape: string): string {
  return `sync_${collection}_${shape}`;
}

/** Epoch milliseconds of a timestamp column value (drizzle gives Date objects). */
export function ms(value: Date | null | undefined): number {
  return value ? value.getTime() : 0;
}

/** A document field no row column can hold, e.g. a reference to another tenant's row. */
export class DocumentError extends Error {
  constructor(
    readonly status: 400 | 403 | 413,
    message: string,
  ) {
    super(message);
  }
}
