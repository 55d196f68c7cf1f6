import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsISO8601, Matches } from 'class-validator';

/** Formats shared by the request DTOs. */

/** Client-chosen ids: a slug or UUID. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
export const ID_MESSAGE = (field: string) => `${field} must be 1–100 letters, digits, _ . : or -`;
/** `@Matches(ID, idOptions('callId'))` */
export const idOptions = (field: string) => ({ message: ID_MESSAGE(field) });

/** Calendar dates, `YYYY-MM-DD` (year 1000 or later). */
export const DATE = /^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
/** `@IsDay(dateOptions('start'))`: a `DATE` that is a real day of the calendar (no 30 February). */
export const IsDay = (options?: { message: string }) =>
  applyDecorators(Matches(DATE, options), IsISO8601({ strict: true }, options));
export const dateOptions = (field: string) => ({
  message: `${field} must be an ISO date (YYYY-MM-DD)`,
});

/** The largest PostgreSQL `integer`: what a version, an offset or a count may reach. */
export const INTEGER_MAX = 2_147_483_647;
/** Stream and document versions: from 1 up to PostgreSQL's `integer`. */
export const VERSION_MAX = INTEGER_MAX;

/**
 * An instant or a day (a day is its 00:00 UTC): `YYYY-MM-DD` or an RFC 3339 date-time with its
 * offset, a real calendar date (ISO 8601, strict), year 1000 or later.
 */
export const INSTANT =
  /^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-][01][0-9]:[0-5][0-9]))?$/;
export const IsInstant = (field: string) =>
  applyDecorators(
    Matches(INSTANT, { message: `${field} must be a date or an ISO 8601 instant with its offset` }),
    IsISO8601({ strict: true }, { message: `${field} must be a real date` }),
  );

/**
 * A whole number in a query or path parameter: digits only become a number; anything else (an
 * empty value, `1e3`, `0x10`) stays text for `@IsInt()` to refuse — Number() would take them.
 */
export const QueryInt = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^[0-9]{1,10}$/.test(value) ? Number(value) : value,
  );
