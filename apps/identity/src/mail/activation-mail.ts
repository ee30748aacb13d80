import type { MailMessage } from './mail.port.js';

export function activationLink(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/identity-service/account/activate/${encodeURIComponent(code)}`;
}

export function activationMail(to: string, name: string | null, link: string): MailMessage {
  const hello = name ? `Hello ${name},` : 'Hello,';
  return {
    to,
    subject: 'Activate your account',
    text: `${hello}\n\nPlease activate your account by opening this link:\n${link}\n\nIf you did not sign up, ignore this message.\n`,
    html: `<p>${escapeHtml(hello)}</p><p>Please activate your account by opening this link:<br>` +
      `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>If you did not sign up, ignore this message.</p>`,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
