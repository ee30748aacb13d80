import { Global, Logger, Module } from '@nestjs/common';
import { IdentityEnv } from '../config/identity-env.js';
import { MailPort } from './mail.port.js';
import { OutboxMailAdapter } from './outbox-mail.adapter.js';
import { SmtpMailAdapter } from './smtp-mail.adapter.js';

export function mailAdapterFor(env: IdentityEnv): MailPort {
  if (env.SMTP_URL) return new SmtpMailAdapter(env.SMTP_URL, env.MAIL_FROM);
  new Logger('Mail').log(`SMTP_URL not set: mail is written to ${env.OUTBOX_DIR}`);
  return new OutboxMailAdapter(env.OUTBOX_DIR, env.MAIL_FROM);
}

@Global()
@Module({
  providers: [{ provide: MailPort, inject: [IdentityEnv], useFactory: mailAdapterFor }],
  exports: [MailPort],
})
export class MailModule {}
