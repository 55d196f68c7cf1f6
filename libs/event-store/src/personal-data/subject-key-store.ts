/** Per-subject data keys (32 bytes, AES-256). Destroying a key erases the subject for good. */
export interface SubjectKeyStore {
  /** The subject's key, created on first use. Throws `SubjectForgotten` once destroyed. */
  keyFor(subject: string): Promise<Buffer>;
  /** The subject's key, or undefined when it was destroyed (or never existed). */
  existingKey(subject: string): Promise<Buffer | undefined>;
  destroy(subject: string): Promise<void>;
}

/** Writing personal data of a subject whose key was destroyed would resurrect them. */
export class SubjectForgotten extends Error {
  readonly code = 'SUBJECT_FORGOTTEN';
  constructor(readonly subject: string) {
    super(`Subject ${subject} has been forgotten: no personal data may be written for it`);
    this.name = 'SubjectForgotten';
  }
}
