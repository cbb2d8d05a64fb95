import { getValidator } from 'rxdb/plugins/validate-ajv';
import { REPLICA_COLLECTIONS } from '../../src-shared/rxdb/collections';
import type { SyncCollection, WireDocument } from '../../src-shared/sync/protocol';
import { DocumentError } from './adapter';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  // Server rows are keyed by UUID.
  if (!UUID.test(doc.id)) throw new DocumentError(400, `${what}: id must be a UUID`);
}
