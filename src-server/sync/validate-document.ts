import { getValidator } from 'rxdb/plugins/validate-ajv';
import { REPLICA_COLLECTIONS } from '../../src-shared/rxdb/collections';
import type { SyncCollection, WireDocument } from '../../src-shared/sync/protocol';
import { DocumentError } from './adapter';

/**
 * Lower case only: PostgreSQL's uuid type prints ids in lower case, so an upper-case id would
 * come back from a pull as another string (for RxDB, another document).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Fields stored in uuid columns besides the id ('' where the replica means "none"). A value
 * that is no UUID would make the reference lookup fail with a 500.
 */
const UUID_FIELDS: Partial<Record<SyncCollection, { field: string; empty: boolean }[]>> = {
  work_orders: [
    { field: 'customerId', empty: false },
    { field: 'assigneeId', empty: true },
  ],
  interactions: [
    { field: 'agentId', empty: true },
    { field: 'customerId', empty: true },
  ],
};

function checkUuids(collection: SyncCollection, doc: WireDocument, what: string): void {
  if (!UUID.test(doc.id)) throw new DocumentError(400, `${what}: /id must be a lower-case UUID`);
  for (const { field, empty } of UUID_FIELDS[collection] ?? []) {
    const value = doc[field] as string;
    if (!(UUID.test(value) || (empty && value === ''))) {
      throw new DocumentError(
        400,
        `${what}: /${field} must be a lower-case UUID${empty ? " or ''" : ''}`,
      );
    }
  }
  if (collection === 'interactions') {
    const ids = doc['workOrderIds'] as string[];
    const bad = ids.findIndex((id) => !UUID.test(id));
    if (bad >= 0) {
      throw new DocumentError(400, `${what}: /workOrderIds/${bad} must be a lower-case UUID`);
    }
  }
}

/** The replica's own JSON schema plus RxDB's deleted flag: the server accepts what it sends. */
const validators = new Map<
  SyncCollection,
  (doc: unknown) => { instancePath: string; message?: string }[]
>();

function validatorOf(collection: SyncCollection) {
  let validate = validators.get(collection);
  if (!validate) {
    const schema = REPLICA_COLLECTIONS[collection].schema;
    // Attachments are checked by their own schema (wire-attachments.ts) where they are stored.
    const attachments: Record<string, { type: 'object' }> = schema.attachments
      ? { _attachments: { type: 'object' } }
      : {};
    validate = getValidator({
      ...schema,
      properties: { ...schema.properties, ...attachments, _deleted: { type: 'boolean' } },
      required: [...(schema.required ?? []), '_deleted'],
    }) as (doc: unknown) => { instancePath: string; message?: string }[];
    validators.set(collection, validate);
  }
  return validate;
}

/** Throws a 400 naming the first offending field of a pushed document. */
export function validateDocument(
  collection: SyncCollection,
  doc: WireDocument,
  what: string,
): void {
  const errors = validatorOf(collection)(doc);
  const first = errors[0];
  if (first) {
    throw new DocumentError(
      400,
      `${what}: ${first.instancePath || 'document'} ${first.message ?? 'is invalid'}`,
    );
  }
  checkUuids(collection, doc, what);
  const unstorable = unstorableText(doc, '');
  if (unstorable) {
    throw new DocumentError(
      400,
      `${what}: ${unstorable} contains a NUL character or an unpaired UTF-16 surrogate`,
    );
  }
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000 (the insert would fail with a 500), and the
 * driver writes an unpaired surrogate as U+FFFD, so the value pulled back would differ from
 * the one pushed. Such strings are refused; returns the path of the first one (a key too).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (text: string) => !text.includes('\u0000') && !LONE_SURROGATE.test(text);

function unstorableText(value: unknown, path: string): string | null {
  if (typeof value === 'string') return storable(value) ? null : path || '/';
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const at = `${path}/${key}`;
    if (!storable(key)) return at;
    const found = unstorableText(item, at);
    if (found) return found;
  }
  return null;
}
