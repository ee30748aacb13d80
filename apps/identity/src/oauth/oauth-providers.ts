import { Injectable } from '@nestjs/common';
import { loadConfig } from '#libs/config';
import { list, OAuthEnv } from './oauth-env.js';
import type { OAuthProvider, OAuthServiceName } from './oauth-profile.js';
import { FacebookProvider } from './providers/facebook.provider.js';
import { GoogleProvider } from './providers/google.provider.js';
import { InstagramProvider } from './providers/instagram.provider.js';
import { TwitterProvider } from './providers/twitter.provider.js';
import { VkProvider } from './providers/vk.provider.js';
import { WechatProvider } from './providers/wechat.provider.js';

export const oauthEnvProvider = { provide: OAuthEnv, useFactory: () => loadConfig(OAuthEnv) };

@Injectable()
export class OAuthProviders {
  private readonly byService: Record<OAuthServiceName, OAuthProvider>;

  constructor(env: OAuthEnv) {
    const t = env.OAUTH_TIMEOUT_MS;
    this.byService = {
      facebook: new FacebookProvider(env.FACEBOOK_GRAPH_URL, t),
      google: new GoogleProvider(env.GOOGLE_JWKS_URL, list(env.GOOGLE_ISSUERS), list(env.GOOGLE_CLIENT_IDS), t),
      instagram: new InstagramProvider({
        apiUrl: env.INSTAGRAM_API_URL, graphUrl: env.INSTAGRAM_GRAPH_URL, clientId: env.INSTAGRAM_CLIENT_ID,
        clientSecret: env.INSTAGRAM_CLIENT_SECRET, redirectUri: env.INSTAGRAM_REDIRECT_URI,
      }, t),
      twitter: new TwitterProvider(env.TWITTER_API_URL, env.TWITTER_CONSUMER_KEY, env.TWITTER_CONSUMER_SECRET, t),
      vk: new VkProvider({
        oauthUrl: env.VK_OAUTH_URL, apiUrl: env.VK_API_URL, clientId: env.VK_CLIENT_ID, clientSecret: env.VK_CLIENT_SECRET, redirectUri: env.VK_REDIRECT_URI,
      }, t),
      wechat: new WechatProvider(env.WECHAT_API_URL, env.WECHAT_APP_ID, env.WECHAT_APP_SECRET, t),
    };
  }

  get(service: OAuthServiceName): OAuthProvider {
    return this.byService[service];
  }
}
