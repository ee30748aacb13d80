import { constants } from 'node:http2';
import type { DeviceType } from '#libs/contracts';
import { PushProvider, PushProviderError, retryAfterMs, type PushMessage, type PushOutcome, type PushTarget } from '../push-provider.port.js';
import { ApnsProviderToken } from './apns-provider-token.js';
import { Http2Sessions } from './http2-sessions.js';

export interface ApnsOptions {
  apiBase: string; sandboxApiBase: string; keyP8: string; keyId: string; teamId: string; topic: string;
  extraCa?: string; timeoutMs: number;
}

/** The device will never take a push for this topic again: drop it. */
const DEAD_REASONS = new Set(['Unregistered', 'BadDeviceToken', 'DeviceTokenNotForTopic']);
const AUTH_REASONS = new Set(['ExpiredProviderToken', 'InvalidProviderToken', 'MissingProviderToken']);

function reasonOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { reason?: string }).reason;
  } catch {
    return undefined;
  }
}

/**
 * apns / apns_sandbox devices through APNs' HTTP/2 provider API with token auth:
 * `POST /3/device/{token}` with `authorization: bearer <ES256 JWT>`, apns-topic, apns-push-type
 * and apns-id, on a kept-alive HTTP/2 session to the production or the sandbox host.
 */
export class ApnsPushAdapter extends PushProvider {
  readonly name = 'apns' as const;
  readonly types: readonly DeviceType[] = ['apns', 'apns_sandbox'];
  private readonly token: ApnsProviderToken;
  private readonly sessions: Http2Sessions;

  constructor(private readonly options: ApnsOptions) {
    super();
    this.token = new ApnsProviderToken(options.keyP8, options.keyId, options.teamId);
    this.sessions = new Http2Sessions(options.extraCa, options.timeoutMs);
  }

  async send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    const first = await this.post(target, message);
    if (!(first.status === 403 && AUTH_REASONS.has(first.reason))) return this.outcome(first);
    this.token.invalidate(first.jwt);
    return this.outcome(await this.post(target, message));
  }

  override async close(): Promise<void> {
    this.sessions.close();
  }

  private async post(target: PushTarget, message: PushMessage) {
    const origin = new URL(target.type === 'apns_sandbox' ? this.options.sandboxApiBase : this.options.apiBase).origin;
    const jwt = await this.token.get();
    const { aps: _ignored, ...custom } = message.payload;
    const body = JSON.stringify({ aps: { alert: { title: message.title, body: message.body }, sound: 'default' }, ...custom });
    const answer = await this.sessions.request(origin, {
      [constants.HTTP2_HEADER_METHOD]: 'POST',
      [constants.HTTP2_HEADER_PATH]: `/3/device/${encodeURIComponent(target.token)}`,
      authorization: `bearer ${jwt}`,
      'apns-topic': this.options.topic,
      'apns-push-type': 'alert',
      'apns-id': message.deliveryId,
      'apns-priority': '10',
      'content-type': 'application/json',
    }, body);
    const reason = answer.status === 200 ? '' : reasonOf(answer.body) ?? `HTTP_${answer.status}`;
    return { status: answer.status, reason, retryAfter: answer.headers['retry-after'] as string | undefined, jwt };
  }

  private outcome({ status, reason, retryAfter }: { status: number; reason: string; retryAfter?: string }): PushOutcome {
    if (status === 200) return { outcome: 'delivered' };
    if (status === 410 || (status === 400 && DEAD_REASONS.has(reason))) return { outcome: 'dead', reason, status };
    const retryable = status === 429 || status >= 500;
    throw new PushProviderError(reason, retryable, status, retryable ? retryAfterMs(retryAfter) : undefined);
  }
}
