import nodemailer, { Transporter } from 'nodemailer';
import { type MailMessage, MailPort } from './mail.port.js';

export class SmtpMailAdapter extends MailPort {
  private readonly transport: Transporter;

  constructor(smtpUrl: string, private readonly from: string) {
    super();
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...message });
  }

  close(): void {
    this.transport.close();
  }
}
