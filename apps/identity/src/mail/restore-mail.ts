import type { MailMessage } from './mail.port.js';

/** The password restore code; the app sends it back to POST /identity-service/account/restore/:code. */
export function restoreMail(to: string, code: string, ttlMinutes: number): MailMessage {
  return {
    to,
    subject: 'Reset your password',
    text: `Hello,\n\nSomeone asked to reset the password of your account. Your restore code is:\n\n${code}\n\n` +
      `It works once, within ${ttlMinutes} minutes. If it was not you, ignore this message: your password stays as it is.\n`,
    html: `<p>Hello,</p><p>Someone asked to reset the password of your account. Your restore code is:</p>` +
      `<p><code>${code}</code></p><p>It works once, within ${ttlMinutes} minutes. If it was not you, ignore this message: your password stays as it is.</p>`,
  };
}

/** The code from a restore mail (test helper and support tooling). */
export function restoreCodeFromText(text: string): string | undefined {
  return /restore code is:\s+([A-Za-z0-9_-]{20,})/.exec(text)?.[1];
}
