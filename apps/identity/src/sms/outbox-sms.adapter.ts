import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type SmsMessage, SmsPort } from './sms.port.js';

/** Dev default: one `<time>-<id>.sms.json` file per SMS in OUTBOX_DIR. */
export class OutboxSmsAdapter extends SmsPort {
  constructor(private readonly dir: string, private readonly from: string) {
    super();
  }

  async send(message: SmsMessage): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(process.hrtime.bigint()).padStart(20, '0')}-${randomUUID().slice(0, 8)}.sms.json`;
    await writeFile(join(this.dir, name), JSON.stringify({ from: this.from, ...message, sentAt: new Date().toISOString() }, null, 2));
  }
}
