export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Where outgoing mail goes: the dev outbox or SMTP (chosen by SMTP_URL). */
export abstract class MailPort {
  abstract send(message: MailMessage): Promise<void>;
}
