// Starts the OAuth stand-ins fixture and builds identity's env pointing every provider at it.
import { ChildProcess, spawn } from 'node:child_process';

export interface OAuthStandins {
  base: string;
  env: Record<string, string>;
  register(provider: string, credential: string, profile: Record<string, unknown>, secret?: string): Promise<void>;
  googleToken(claims: Record<string, unknown>, expiresIn?: string): Promise<string>;
  requests(): Promise<{ method: string; path: string }[]>;
  stop(): Promise<void>;
}

export const GOOGLE_CLIENT_ID = 'rewards-app.apps.googleusercontent.com';

export async function startOAuthStandins(): Promise<OAuthStandins> {
  const child: ChildProcess = spawn(process.execPath, ['dist/test/fixtures/oauth-standins/main.js'], {
    env: { ...process.env, NODE_OPTIONS: '', PORT: '0', CLIENT_ID: 'app-id', CLIENT_SECRET: 'app-secret', TWITTER_CONSUMER_KEY: 'tw-key', TWITTER_CONSUMER_SECRET: 'tw-secret' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => { out += String(d); });
  child.stderr!.on('data', (d) => { out += String(d); });
  const until = Date.now() + 10_000;
  let port: number | undefined;
  while (!port) {
    port = Number(/"port":(\d+)/.exec(out)?.[1]) || undefined;
    if (Date.now() > until || child.exitCode !== null) throw new Error(`oauth stand-ins did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const base = `http://127.0.0.1:${port}`;
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
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
