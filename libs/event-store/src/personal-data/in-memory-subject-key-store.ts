import { randomBytes } from 'node:crypto';
import { SubjectForgotten, type SubjectKeyStore } from './subject-key-store';

/** For unit tests and tools that need no persistence. */
export class InMemorySubjectKeyStore implements SubjectKeyStore {
  private readonly keys = new Map<string, Buffer | null>();

  keyFor(subject: string): Promise<Buffer> {
    const existing = this.keys.get(subject);
    if (existing === null) return Promise.reject(new SubjectForgotten(subject));
    if (existing) return Promise.resolve(existing);
    const key = randomBytes(32);
    this.keys.set(subject, key);
    return Promise.resolve(key);
  }

  existingKey(subject: string): Promise<Buffer | undefined> {
    return Promise.resolve(this.keys.get(subject) ?? undefined);
  }

  destroy(subject: string): Promise<void> {
    this.keys.set(subject, null);
    return Promise.resolve();
  }
}
