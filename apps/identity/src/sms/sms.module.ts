import { Global, Logger, Module } from '@nestjs/common';
import { IdentityEnv } from '../config/identity-env.js';
import { OutboxSmsAdapter } from './outbox-sms.adapter.js';
import { SmsPort } from './sms.port.js';
import { TwilioSmsAdapter } from './twilio-sms.adapter.js';

export function smsAdapterFor(env: IdentityEnv): SmsPort {
  if (env.TWILIO_API_BASE) {
    return new TwilioSmsAdapter({ apiBase: env.TWILIO_API_BASE, accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, from: env.TWILIO_FROM });
  }
  new Logger('Sms').log(`TWILIO_API_BASE not set: SMS are written to ${env.OUTBOX_DIR}`);
  return new OutboxSmsAdapter(env.OUTBOX_DIR, env.TWILIO_FROM || 'Rewards');
}

@Global()
@Module({
  providers: [{ provide: SmsPort, inject: [IdentityEnv], useFactory: smsAdapterFor }],
  exports: [SmsPort],
})
export class SmsModule {}
