/** Small helpers the action forms share (pure). */

/** Today in the reader's time zone, `YYYY-MM-DD` (a form's default date). */
export function todayLocal(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A fresh client-chosen id for a record (`checkin-…`): letters, digits and dashes. */
export function newId(prefix: string): string {
  const random =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  return `${prefix}-${random}`;
}

/** Lines of a textarea, trimmed, empty ones left out. */
export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

/** `undefined` for an empty string (optional fields are left out of the body). */
export const optional = (text: string): string | undefined =>
  text.trim() === '' ? undefined : text.trim();
