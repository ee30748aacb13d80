export interface SmsMessage { to: string; body: string }

/** Where outgoing SMS go: the dev outbox or Twilio (chosen by TWILIO_API_BASE). */
export abstract class SmsPort {
  abstract send(message: SmsMessage): Promise<void>;
}
