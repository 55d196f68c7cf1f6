/** Formats shared by the request DTOs. */

/** Client-chosen ids: a slug or UUID. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
export const ID_MESSAGE = (field: string) => `${field} must be 1–100 letters, digits, _ . : or -`;
/** `@Matches(ID, idOptions('callId'))` */
export const idOptions = (field: string) => ({ message: ID_MESSAGE(field) });

/** Calendar dates, `YYYY-MM-DD`. */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const dateOptions = (field: string) => ({
  message: `${field} must be an ISO date (YYYY-MM-DD)`,
});
