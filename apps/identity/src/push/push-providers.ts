import { readFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import type { DeviceType } from '#libs/contracts';
import type { IdentityEnv } from '../config/identity-env.js';
import { ApnsPushAdapter } from './apns/apns-push.adapter.js';
import { BaiduPushAdapter } from './baidu/baidu-push.adapter.js';
import { FcmPushAdapter } from './fcm/fcm-push.adapter.js';
import { parseServiceAccount } from './fcm/service-account.js';
import type { PushProvider } from './push-provider.port.js';

/** The providers whose credentials are configured, by the device types they serve. */
export class PushProviders {
  private readonly byType = new Map<DeviceType, PushProvider>();

  constructor(readonly all: PushProvider[]) {
    for (const provider of all) for (const type of provider.types) this.byType.set(type, provider);
  }

  for(type: DeviceType): PushProvider | undefined {
    return this.byType.get(type);
  }

  get empty(): boolean {
    return this.all.length === 0;
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((p) => p.close()));
  }
}

const pem = (text: string) => text.replace(/\\n/g, '\n');

export function pushProvidersFor(env: IdentityEnv, logger = new Logger('Push')): PushProviders {
  const timeoutMs = env.PUSH_PROVIDER_TIMEOUT_MS;
  const providers: PushProvider[] = [];
  const account = env.FCM_SERVICE_ACCOUNT_JSON ? parseServiceAccount(env.FCM_SERVICE_ACCOUNT_JSON) : undefined;
  if (account) providers.push(new FcmPushAdapter({ apiBase: env.FCM_API_BASE, tokenUrl: env.FCM_TOKEN_URL, account, timeoutMs }));
  if (env.APNS_KEY_P8) {
    providers.push(new ApnsPushAdapter({
      apiBase: env.APNS_API_BASE, sandboxApiBase: env.APNS_SANDBOX_API_BASE, keyP8: pem(env.APNS_KEY_P8),
      keyId: env.APNS_KEY_ID, teamId: env.APNS_TEAM_ID, topic: env.APNS_TOPIC,
      extraCa: env.APNS_CA_FILE ? readFileSync(env.APNS_CA_FILE, 'utf8') : undefined, timeoutMs,
    }));
  }
  if (env.BAIDU_PUSH_API_KEY) {
    providers.push(new BaiduPushAdapter({ apiBase: env.BAIDU_PUSH_API_BASE, apiKey: env.BAIDU_PUSH_API_KEY, secretKey: env.BAIDU_PUSH_SECRET_KEY, timeoutMs }));
  }
  const result = new PushProviders(providers);
  logger.log(result.empty
    ? 'push delivery off: no provider configured (FCM_SERVICE_ACCOUNT_JSON, APNS_KEY_P8, BAIDU_PUSH_API_KEY); pushes stay in the outbox'
    : `push delivery on for ${providers.map((p) => `${p.name} (${p.types.join(', ')})`).join(', ')}`);
  return result;
}
