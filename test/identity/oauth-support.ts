// Starts the OAuth stand-ins fixture and builds identity's env pointing every provider at it.
import type { ChildProcess } from 'node:child_process';
import { fixtureMain, startProcess } from '../support/processes.js';

export interface OAuthStandinsApi {
  base: string;
  env: Record<string, string>;
  register(provider: string, credential: string, profile: Record<string, unknown>, secret?: string): Promise<void>;
  googleToken(claims: Record<string, unknown>, expiresIn?: string): Promise<string>;
  requests(): Promise<{ method: string; path: string }[]>;
}
export interface OAuthStandins extends OAuthStandinsApi { child: ChildProcess; stop(): Promise<void> }

export const GOOGLE_CLIENT_ID = 'rewards-app.apps.googleusercontent.com';

export async function startOAuthStandins(logFile?: string): Promise<OAuthStandins> {
  const standin = await startProcess(fixtureMain('oauth-standins'), {
    NODE_OPTIONS: '', PORT: '0', CLIENT_ID: 'app-id', CLIENT_SECRET: 'app-secret', TWITTER_CONSUMER_KEY: 'tw-key', TWITTER_CONSUMER_SECRET: 'tw-secret',
  }, (out) => /"port":\d+/.test(out), 10_000, logFile);
  return { ...oauthStandinsAt(`http://127.0.0.1:${/"port":(\d+)/.exec(standin.output())![1]}`), child: standin.child, stop: standin.stop };
}

/** The env pointing identity at the stand-ins listening at `base`, and their test hooks. */
export function oauthStandinsAt(base: string): OAuthStandinsApi {
  const post = async (path: string, body: unknown) => (await fetch(`${base}${path}`, { method: 'POST', body: JSON.stringify(body) })).json();
  return {
    base,
    env: {
      FACEBOOK_GRAPH_URL: `${base}/facebook`,
      GOOGLE_JWKS_URL: `${base}/google/certs`, GOOGLE_CLIENT_IDS: GOOGLE_CLIENT_ID,
      INSTAGRAM_API_URL: `${base}/instagram`, INSTAGRAM_GRAPH_URL: `${base}/instagram-graph`,
      INSTAGRAM_CLIENT_ID: 'app-id', INSTAGRAM_CLIENT_SECRET: 'app-secret', INSTAGRAM_REDIRECT_URI: 'https://app.rewards.test/ig',
      TWITTER_API_URL: `${base}/twitter`, TWITTER_CONSUMER_KEY: 'tw-key', TWITTER_CONSUMER_SECRET: 'tw-secret',
      VK_OAUTH_URL: `${base}/vk-oauth`, VK_API_URL: `${base}/vk-api`, VK_CLIENT_ID: 'app-id', VK_CLIENT_SECRET: 'app-secret',
      WECHAT_API_URL: `${base}/wechat`, WECHAT_APP_ID: 'app-id', WECHAT_APP_SECRET: 'app-secret',
      OAUTH_TIMEOUT_MS: '3000',
    },
    register: async (provider, credential, profile, secret) => { await post('/__standin/register', { provider, credential, profile, secret }); },
    googleToken: async (claims, expiresIn) => ((await post('/__standin/google/sign', { claims, expiresIn })) as { id_token: string }).id_token,
    requests: async () => (await fetch(`${base}/__standin/requests`)).json() as Promise<{ method: string; path: string }[]>,
  };
}
