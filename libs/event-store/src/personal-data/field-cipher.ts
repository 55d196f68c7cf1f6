import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { JsonObject, JsonValue, PersonalData } from '../port/event-store.port';
import { InvalidAppend } from '../port/event-store.errors';

/** What a personal field holds once stored: AES-256-GCM ciphertext under the subject's key,
 * bound (as additional authenticated data) to the event id and the field path. */
// A type, not an interface: plain JSON (assignable to JsonValue without a cast).
export type EncryptedField = {
  $pii: { v: 1; iv: string; ct: string; tag: string };
};

/** What a personal field reads as after its subject's key was destroyed. */
export const ERASED = { $erased: true } as const;

export function isEncryptedField(value: unknown): value is EncryptedField {
  return typeof value === 'object' && value !== null && '$pii' in value;
}

/** Returns a copy of `data` with each personal field encrypted. Missing fields are skipped. */
export function encryptPersonalFields(
  data: JsonObject,
  personal: PersonalData,
  key: Buffer,
  eventId: string,
): JsonObject {
  const copy = structuredClone(data);
  for (const path of personal.fields) {
    const slot = locate(copy, path);
    if (!slot || slot.value === undefined) continue;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`${eventId}|${path}`, 'utf8'));
    const ct = Buffer.concat([cipher.update(JSON.stringify(slot.value), 'utf8'), cipher.final()]);
    const envelope: EncryptedField = {
      $pii: {
        v: 1,
        iv: iv.toString('base64'),
        ct: ct.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
      },
    };
    slot.set(envelope);
  }
  return copy;
}

/** Decrypts the personal fields in place; with no key (destroyed), they become `ERASED`. */
export function decryptPersonalFields(
  data: JsonObject,
  fields: string[],
  key: Buffer | undefined,
  eventId: string,
): void {
  for (const path of fields) {
    const slot = locate(data, path);
    if (!slot || !isEncryptedField(slot.value)) continue;
    if (!key) {
      slot.set({ ...ERASED });
      continue;
    }
    const { iv, ct, tag } = slot.value.$pii;
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(`${eventId}|${path}`, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]);
    slot.set(JSON.parse(plain.toString('utf8')) as JsonValue);
  }
}

export function validatePersonalData(personal: PersonalData): void {
  if (!personal.subject || typeof personal.subject !== 'string') {
    throw new InvalidAppend('personal.subject must be a non-empty string');
  }
  for (const path of personal.fields) {
    if (!/^[^.]+(\.[^.]+)*$/.test(path))
      throw new InvalidAppend(`personal field path "${path}" is malformed`);
  }
}

interface Slot {
  value: JsonValue | undefined;
  set(value: JsonValue): void;
}

function locate(root: JsonObject, path: string): Slot | undefined {
  const parts = path.split('.');
  let node: JsonValue = root;
  for (let i = 0; i < parts.length - 1; i++) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, JsonValue>)[parts[i]];
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const container = node as Record<string, JsonValue>;
  const last = parts[parts.length - 1];
  return { value: container[last], set: (v) => (container[last] = v) };
}
