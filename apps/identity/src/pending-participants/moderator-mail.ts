import type { MailMessage } from '../mail/mail.port.js';
import type { PendingDetails } from './pending-participant.entity.js';

export function decisionLinks(publicBaseUrl: string, code: string): { approve: string; reject: string } {
  const base = `${publicBaseUrl.replace(/\/$/, '')}/identity-service/pending_participant/${code}`;
  return { approve: `${base}/approve`, reject: `${base}/reject` };
}

export function moderatorMail(to: string, userId: string, details: PendingDetails, links: { approve: string; reject: string }): MailMessage {
  const lines = [
    'A participant registration waits for your decision.',
    '',
    `User: ${oneLine(userId)}`,
    ...Object.entries(details).filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => `${k}: ${oneLine(String(v))}`),
    '',
    `Approve: ${links.approve}`,
    `Reject: ${links.reject}`,
  ];
  return { to, subject: `Participant registration: ${oneLine(details.name ?? '')}`, text: lines.join('\n') };
}

/** Input is validated to one line already; a value stored before that rule cannot add lines to the mail either. */
function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

export function rejectionMail(to: string, name: string | undefined, reason: string | null): MailMessage {
  return {
    to,
    subject: 'Your participant registration',
    text: `Your registration of ${name ?? 'the participant'} was not approved.${reason ? `\nReason: ${reason}` : ''}`,
  };
}
