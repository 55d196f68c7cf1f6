import {
  fieldChanges,
  type FieldChange,
} from '../../../../../libs/domain/src/shared/document-diff';

/**
 * Two versions of a signed document side by side: the same field-by-field diff as the CLI's
 * `ecvet audit diff` (libs/domain/src/shared/document-diff.ts), one row per changed field.
 */
export type ChangeKind = 'changed' | 'added' | 'removed';

export interface DiffRow {
  path: string;
  kind: ChangeKind;
  before?: unknown;
  after?: unknown;
}

export function diffRows(changes: readonly FieldChange[]): DiffRow[] {
  return changes.map((c) => ({
    ...c,
    kind: !('before' in c) ? 'added' : !('after' in c) ? 'removed' : 'changed',
  }));
}

/** A Learning Agreement version's signed content, without its version number (always differs). */
export function agreementContent(content: Record<string, unknown>): Record<string, unknown> {
  const { version: _version, ...rest } = content;
  return rest;
}

/** Two Learning Agreement versions' contents, as the CLI compares them (`content.…` paths). */
export function agreementChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): DiffRow[] {
  return diffRows(fieldChanges(agreementContent(before), agreementContent(after), 'content'));
}

/** Two MoU versions' documents (`document.…` paths), as the CLI compares them. */
export function mouChanges(before: object, after: object): DiffRow[] {
  return diffRows(fieldChanges(before, after, 'document'));
}

const isMarker = (value: unknown, key: string): boolean =>
  typeof value === 'object' && value !== null && (value as Record<string, unknown>)[key] === true;

export type Shown =
  { kind: 'absent' } | { kind: 'redacted' } | { kind: 'erased' } | { kind: 'text'; text: string };

/** A value in a cell: strings bare, the rest as JSON; redacted and erased fields named. */
export function showValue(value: unknown): Shown {
  if (value === undefined) return { kind: 'absent' };
  if (isMarker(value, '$redacted')) return { kind: 'redacted' };
  if (isMarker(value, '$erased')) return { kind: 'erased' };
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return { kind: 'text', text: value.join(', ') };
  return { kind: 'text', text: JSON.stringify(value, null, 1) };
}
