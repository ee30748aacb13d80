/**
 * Input rules shared by every service (one definition each; use them in class-validator
 * decorators and in the OpenAPI document).
 */

/** One line of text: no line breaks or other control characters (names end up in mails and headers). */
export const SINGLE_LINE = /^[^\u0000-\u001f\u007f]*$/;
export const SINGLE_LINE_MESSAGE = '$property must be one line of text (no line breaks or control characters)';

/** `urn:authenticateit:user:<kind>:<login>` (kind: email, phonenum or an OAuth provider). */
export const USER_ID = /^urn:authenticateit:user:[a-z0-9_]+:\S+$/;
export const USER_ID_MESSAGE = '$property must be a user id (urn:authenticateit:user:<reg_type>:<login>)';

/** `urn:authenticateit:participant:<n>`: participants are numbered by participants-billing. */
export const PARTICIPANT_ID = /^urn:authenticateit:participant:\d+$/;
export const PARTICIPANT_ID_MESSAGE = '$property must be a participant id (urn:authenticateit:participant:<n>)';

/** Coins: an 18-decimal integer as a decimal string, up to numeric(78,0) (78 digits). */
export const COIN_STRING = /^(0|[1-9][0-9]{0,77})$/;
export const POSITIVE_COIN_STRING = /^[1-9][0-9]{0,77}$/;
export const COINS_MESSAGE = '$property must be a string of a non-negative integer amount (18 decimals)';
export const POSITIVE_COINS_MESSAGE = '$property must be a string of a positive integer amount (18 decimals)';

/** The amount of a coins string, or undefined when it is not one (numbers, decimals, signs, 79+ digits). */
export function coinsOf(value: unknown): bigint | undefined {
  return typeof value === 'string' && COIN_STRING.test(value) ? BigInt(value) : undefined;
}

/** `2023-11-07T05:31:56Z`, the documents' timestamp format (no milliseconds); null stays null. */
export function isoSeconds(value: Date | string): string;
export function isoSeconds(value: Date | string | null | undefined): string | null;
export function isoSeconds(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2019-02-01` for a date value (pg returns `date` columns as strings already); null stays null. */
export function isoDate(value: string | Date | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** True for an existing calendar day `YYYY-MM-DD…` (rejects 2019-02-30). */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && !Number.isNaN(Date.parse(value));
}

/**
 * How a card's cvc is published: the documents send it as the number 323, which the DTOs read as its
 * digits (class-transformer runs before validation), so a number is accepted as well as the string.
 */
export const CVC_INPUT_SCHEMA = {
  anyOf: [{ type: 'string' as const, pattern: '^[0-9]{3,4}$' }, { type: 'integer' as const, minimum: 0, maximum: 9999 }],
  description: '3 or 4 digits; a JSON number is read as its digits',
};
