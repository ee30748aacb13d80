import type { DeviceType } from '#libs/contracts';
import { header, HttpJsonClient, jsonOf } from '../http-json.js';
import { PushProvider, PushProviderError, retryAfterMs, type PushMessage, type PushOutcome, type PushTarget } from '../push-provider.port.js';
import { baiduSign } from './baidu-sign.js';

export interface BaiduOptions { apiBase: string; apiKey: string; secretKey: string; timeoutMs: number }

/** Baidu's error codes (REST API 3.0) that decide what happens next. */
const BIND_RELATION_NOT_FOUND = 30608;
const RETRYABLE_CODES = new Set([30600 /* internal error */, 30616 /* too fast */]);
const ANDROID = '3';
const NOTIFICATION = '1';

/**
 * baidu devices through Baidu Cloud Push's REST API 3.0: `POST {base}/push/single_device`,
 * form-encoded apikey, timestamp, device_type, channel_id, msg_type, msg and the MD5 `sign`.
 * A channel Baidu no longer knows (bind relation not found) is a dead device.
 */
export class BaiduPushAdapter extends PushProvider {
  readonly name = 'baidu' as const;
  readonly types: readonly DeviceType[] = ['baidu'];
  private readonly url: string;
  private readonly http: HttpJsonClient;

  constructor(private readonly options: BaiduOptions) {
    super();
    this.http = new HttpJsonClient(options.timeoutMs);
    this.url = `${options.apiBase.replace(/\/+$/, '')}/push/single_device`;
  }

  async send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    const params: Record<string, string> = {
      apikey: this.options.apiKey,
      timestamp: String(Math.floor(Date.now() / 1000)),
      device_type: ANDROID,
      channel_id: target.channel,
      msg_type: NOTIFICATION,
      msg: JSON.stringify({ title: message.title, description: message.body, notification_basic_style: 7, custom_content: message.payload }),
    };
    params.sign = baiduSign('POST', this.url, params, this.options.secretKey);
    const response = await this.http.post(this.url,
      { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', 'user-agent': 'BCCS_SDK/3.0 (rewards-platform)' },
      new URLSearchParams(params).toString());
    const body = jsonOf<{ error_code?: number; error_msg?: string }>(response.body);
    if (response.status === 200 && !body.error_code) return { outcome: 'delivered' };
    const code = body.error_code;
    if (code === BIND_RELATION_NOT_FOUND) return { outcome: 'dead', reason: String(code), status: response.status };
    const retryable = response.status === 429 || response.status >= 500 || (code !== undefined && RETRYABLE_CODES.has(code));
    throw new PushProviderError(code ? String(code) : `HTTP_${response.status}`, retryable, response.status,
      retryable ? retryAfterMs(header(response.headers, 'retry-after')) : undefined);
  }

  override async close(): Promise<void> {
    this.http.close();
  }
}
