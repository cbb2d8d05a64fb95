import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AccessClaims } from '../auth/access-tokens';
import type { Database } from '../db/connect';
import { syncAppliedPushes } from '../db/schema';
import type { SyncCollection, WireDocument } from '../../src-shared/sync/protocol';
import { pushDigestInput } from '../../src-shared/sync/push-digest';

/** Per document, the applied states remembered (a client that sent more gets records, as before 0023). */
const KEPT_PER_DOCUMENT = 20;
/** A client offline longer than this gets the conflict record, as before 0023. */
const KEPT_DAYS = 30;
/** Expired rows deleted by one push: bounded work, the next pushes take the rest. */
const EXPIRED_PER_PUSH = 100;

export function pushDigest(doc: WireDocument): string {
  return createHash('sha256').update(pushDigestInput(doc)).digest('hex');
}

/**
 * Remembers that the server applied these states as pushed by this user, and forgets what is
 * beyond the bounds. Runs once per push, in its transaction, under the row locks of these
 * documents, so the per-document pruning of two pushes never interleaves; expired rows of
 * other documents are taken with SKIP LOCKED for the same reason. One statement whatever the
 * batch size: each round trip to PostgreSQL is on the path of every change to the other
 * desktops.
 */
export async function recordAppliedPushes(
  tx: Database,
  collection: SyncCollection,
  claims: AccessClaims,
  docs: readonly WireDocument[],
): Promise<void> {
  if (docs.length === 0) return;
  const t = syncAppliedPushes;
  const values = sql.join(
    docs.map(
      (doc) =>
        sql`(${claims.tenantId}::uuid, ${claims.userId}::uuid, ${collection}, ${doc.id}, ${pushDigest(doc)})`,
    ),
    sql`, `,
  );
  // The statement's snapshot does not see its own inserts: a document keeps as many of its
  // older rows as leave room for the states added now.
  await tx.execute(sql`
    with added as (
      insert into ${t} (tenant_id, user_id, collection, doc_id, digest) values ${values}
      returning doc_id
    ), per_doc as (
      select doc_id, count(*) as n from added group by doc_id
    ), pruned as (
      delete from ${t} where ${t.id} in (
        select ranked.id from (
          select ${t.id} as id, ${t.docId} as doc_id,
            row_number() over (partition by ${t.docId} order by ${t.id} desc) as n
          from ${t}
          where ${t.tenantId} = ${claims.tenantId} and ${t.collection} = ${collection}
            and ${t.docId} in (select doc_id from per_doc)
        ) ranked join per_doc on per_doc.doc_id = ranked.doc_id
        where ranked.n > ${KEPT_PER_DOCUMENT} - per_doc.n)
      returning ${t.id}
    )
    delete from ${t} where ${t.id} in (
      select ${t.id} from ${t}
      where ${t.appliedAt} < now() - make_interval(days => ${KEPT_DAYS})
        and ${t.id} not in (select id from pruned)
      order by ${t.appliedAt} limit ${EXPIRED_PER_PUSH} for update skip locked)`);
}

/**
 * Of `digests`, those of states this user pushed for this document and the server applied,
 * oldest first. Only the caller's own pushes, only a document the caller was already allowed
 * to see (the push checked tenant and scope before it answers a conflict): a forged digest
 * learns nothing about other users' pushes.
 */
export async function appliedDigests(
  tx: Database,
  collection: SyncCollection,
  claims: AccessClaims,
  docId: string,
  digests: readonly string[],
): Promise<string[]> {
  if (digests.length === 0) return [];
  const t = syncAppliedPushes;
  const rows = await tx
    .select({ digest: t.digest, id: t.id })
    .from(t)
    .where(
      and(
        eq(t.tenantId, claims.tenantId),
        eq(t.userId, claims.userId),
        eq(t.collection, collection),
        eq(t.docId, docId),
        inArray(t.digest, [...new Set(digests)]),
      ),
    )
    .orderBy(t.id);
  // A state applied twice (sent again after being overwritten) counts at its latest time.
  const latest = new Map<string, number>();
  for (const row of rows) latest.set(row.digest, row.id);
  return [...latest].sort(([, a], [, b]) => a - b).map(([digest]) => digest);
}
