/**
 * Input rules shared by every service (one definition each; use them in class-validator
 * decorators and in the OpenAPI document).
 */

/** One line of text: no line breaks or other control characters (names end up in mails and headers). */
export const SINGLE_LINE = /^[^\u0000-\u001f\u007f]*$/;
export const SINGLE_LINE_MESSAGE = '$property must be one line of text (no line breaks or control characters)';
