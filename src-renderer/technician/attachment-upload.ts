import { UPLOAD_CHUNK_BYTES } from '../../src-shared/contract/field-work';
import type { ContractClient } from '../contract/client';

/** Longest side of a photo as saved: enough to read a meter or a label, small to sync. */
const MAX_PHOTO_SIDE = 1280;

/** A photo scaled down (JPEG) in the renderer before it is saved on the order. */
export async function scaleImage(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_PHOTO_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('scaling failed'))),
      'image/jpeg',
      0.8,
    ),
  );
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export type AttachmentKind = 'photo' | 'file' | 'signature';
export type AttachmentType =
  'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf' | 'text/plain';

/** Sends the bytes in pieces the contract accepts, then attaches them to the order. */
export async function uploadAttachment(
  client: ContractClient,
  orderId: string,
  kind: AttachmentKind,
  blob: Blob,
  type: AttachmentType,
) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const uploadId = crypto.randomUUID();
  for (let index = 0; index * UPLOAD_CHUNK_BYTES < bytes.length || index === 0; index += 1) {
    const piece = bytes.subarray(index * UPLOAD_CHUNK_BYTES, (index + 1) * UPLOAD_CHUNK_BYTES);
    await client.call('fieldWork.uploadChunk', { uploadId, index, data: base64(piece) });
  }
  return client.call('fieldWork.addAttachment', { id: orderId, uploadId, kind, type });
}
