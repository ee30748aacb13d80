import { mkdir, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { type MailMessage, MailPort } from './mail.port.js';

/** Dev default: renders the real MIME message and writes it as an `.eml` file. */
export class OutboxMailAdapter extends MailPort {
  private readonly transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(private readonly dir: string, private readonly from: string) {
    super();
  }

  async send(message: MailMessage): Promise<void> {
    const info = await this.transport.sendMail({ from: this.from, ...message });
    await mkdir(this.dir, { recursive: true });
    // Sorts by time; the monotonic clock orders two mails of the same millisecond.
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(process.hrtime.bigint()).padStart(20, '0')}-${randomUUID().slice(0, 8)}.eml`;
    await writeFile(join(this.dir, name), info.message as Buffer);
  }
}
