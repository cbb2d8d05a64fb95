import type { RxCollection } from 'rxdb';
import type { AttachmentStub } from '../../src-shared/rxdb/work-orders';
import type { PushRow, WireDocument } from '../../src-shared/sync/protocol';

/**
 * RxDB replicates attachments inside the document (decision 0018): on a push, RxDB fills
 * `data` (a Blob) for each attachment new to the master, which JSON cannot carry, so it goes
 * as base64. A pulled document has stubs only; RxDB must be handed the bytes of every
 * attachment the local document does not have yet, which are fetched here.
 */
type WireAttachments = Record<string, AttachmentStub & { data?: unknown }>;

export async function encodeAttachmentsForPush(rows: PushRow[]): Promise<PushRow[]> {
  return Promise.all(
    rows.map(async (row) => {
      const attachments = row.newDocumentState['_attachments'] as WireAttachments | undefined;
      if (!attachments) return row;
      const encoded: WireAttachments = {};
      for (const [id, attachment] of Object.entries(attachments)) {
        const { data, ...stub } = attachment;
        encoded[id] =
          data instanceof Blob
            ? { ...stub, data: Buffer.from(await data.arrayBuffer()).toString('base64') }
            : typeof data === 'string'
              ? { ...stub, data }
              : stub;
      }
      return { ...row, newDocumentState: { ...row.newDocumentState, _attachments: encoded } };
    }),
  );
}

export type FetchAttachment = (docId: string, attachmentId: string) => Promise<Blob>;

/** Gives each pulled document the bytes of the attachments its local copy lacks. */
export async function fillMissingAttachments(
  collection: RxCollection<unknown>,
  documents: WireDocument[],
  fetchAttachment: FetchAttachment,
): Promise<WireDocument[]> {
  const withAttachments = documents.filter(
    (doc) => !doc._deleted && Object.keys((doc['_attachments'] ?? {}) as object).length > 0,
  );
  if (withAttachments.length === 0) return documents;
  const local = await collection.storageInstance.findDocumentsById(
    withAttachments.map((d) => d.id),
    true,
  );
  const localById = new Map(local.map((doc) => [(doc as unknown as { id: string }).id, doc]));
  const filled = new Map<string, WireDocument>();
  for (const doc of withAttachments) {
    const have = (localById.get(doc.id)?._attachments ?? {}) as Record<string, AttachmentStub>;
    const attachments: Record<string, AttachmentStub & { data?: Blob }> = {};
    for (const [id, stub] of Object.entries(doc['_attachments'] as WireAttachments)) {
      const { data: _ignored, ...clean } = stub;
      attachments[id] =
        have[id]?.digest === stub.digest
          ? clean
          : { ...clean, data: await fetchAttachment(doc.id, id) };
    }
    filled.set(doc.id, { ...doc, _attachments: attachments });
  }
  return documents.map((doc) => filled.get(doc.id) ?? doc);
}
