import type { DeviceType } from '#libs/contracts';
import { header, HttpJsonClient, jsonOf } from '../http-json.js';
import { PushProvider, PushProviderError, retryAfterMs, type PushMessage, type PushOutcome, type PushTarget } from '../push-provider.port.js';
import { GoogleAccessTokens } from './google-access-token.js';
import type { ServiceAccount } from './service-account.js';

export interface FcmOptions { apiBase: string; tokenUrl: string; account: ServiceAccount; timeoutMs: number }

interface FcmErrorBody { error?: { status?: string; message?: string; details?: { '@type'?: string; errorCode?: string }[] } }

/** The FcmError code of an error answer (UNREGISTERED, QUOTA_EXCEEDED, ...), else the canonical status. */
function fcmReason(body: FcmErrorBody, status: number): string {
  const detail = body.error?.details?.find((d) => d['@type']?.endsWith('google.firebase.fcm.v1.FcmError'))?.errorCode;
  return detail ?? body.error?.status ?? `HTTP_${status}`;
}

/**
 * gcm devices through FCM HTTP v1: `POST {base}/v1/projects/{project}/messages:send` with a bearer
 * token from the service account. UNREGISTERED (404) means the app is gone from the device.
 */
export class FcmPushAdapter extends PushProvider {
  readonly name = 'fcm' as const;
  readonly types: readonly DeviceType[] = ['gcm'];
  private readonly tokens: GoogleAccessTokens;
  private readonly url: string;
  private readonly http: HttpJsonClient;

  constructor(options: FcmOptions) {
    super();
    this.http = new HttpJsonClient(options.timeoutMs);
    this.tokens = new GoogleAccessTokens(options.account, options.tokenUrl, this.http);
    this.url = `${options.apiBase.replace(/\/+$/, '')}/v1/projects/${encodeURIComponent(options.account.project_id)}/messages:send`;
  }

  async send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    const first = await this.post(target, message);
    if (first.status !== 401) return this.outcome(first);
    // The token was revoked or expired early: one new token, then give up.
    this.tokens.invalidate(first.token);
    return this.outcome(await this.post(target, message));
  }

  private async post(target: PushTarget, message: PushMessage) {
    const token = await this.tokens.get();
    const body = {
      message: {
        token: target.token,
        notification: { title: message.title, body: message.body },
        data: message.payload,
      },
    };
    const response = await this.http.post(this.url,
      { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8', accept: 'application/json' }, JSON.stringify(body));
    return { status: response.status, answer: jsonOf<FcmErrorBody>(response.body), retryAfter: header(response.headers, 'retry-after'), token };
  }

  override async close(): Promise<void> {
    this.http.close();
  }

  private outcome({ status, answer, retryAfter }: { status: number; answer: FcmErrorBody; retryAfter?: string }): PushOutcome {
    if (status >= 200 && status < 300) return { outcome: 'delivered' };
    const reason = fcmReason(answer, status);
    if (reason === 'UNREGISTERED') return { outcome: 'dead', reason, status };
    const retryable = status === 429 || status >= 500;
    throw new PushProviderError(reason, retryable, status, retryable ? retryAfterMs(retryAfter) : undefined);
  }
}
