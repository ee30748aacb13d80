import { type SmsMessage, SmsPort } from './sms.port.js';

export interface TwilioOptions { apiBase: string; accountSid: string; authToken: string; from: string; timeoutMs?: number }

/**
 * Twilio's Messages API: `POST {base}/2010-04-01/Accounts/{Sid}/Messages.json`, HTTP basic auth
 * (SID:token), form-encoded To / From / Body. A `From` starting with MG is a messaging service.
 */
export class TwilioSmsAdapter extends SmsPort {
  constructor(private readonly options: TwilioOptions) {
    super();
  }

  async send(message: SmsMessage): Promise<void> {
    const { apiBase, accountSid, authToken, from } = this.options;
    const url = `${apiBase.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
    const form = new URLSearchParams({ To: message.to, Body: message.body });
    form.set(from.startsWith('MG') ? 'MessagingServiceSid' : 'From', from);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: form.toString(),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    if (!response.ok) {
      const error = (await response.json().catch(() => ({}))) as { code?: number; message?: string };
      throw new Error(`Twilio answered ${response.status}${error.code ? ` (code ${error.code})` : ''}: ${error.message ?? 'no message'}`);
    }
  }
}
