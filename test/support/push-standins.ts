// Starts the FCM, APNs and Baidu stand-ins (test/fixtures/push-standins) with fresh credentials
// and gives identity's env to use them, plus what each stand-in received.
import { fixtureMain, startProcess, type Started } from './processes.js';
import { generateKeyPairSync } from 'node:crypto';

export interface ScriptedAnswer { status: number; retryAfter?: number }
export interface Received<T> { received: T[]; attempts: Record<string, number>; counters: Record<string, number> }

export interface FcmMessage { token: string; notification?: { title?: string; body?: string }; data?: Record<string, string>; project: string }
export interface ApnsNotification { environment: 'production' | 'sandbox'; token: string; topic: string; pushType: string; apnsId: string; payload: Record<string, any> }
export interface BaiduMessage { channel_id: string; device_type: string; msg_type: string; msg: { title?: string; description?: string; custom_content?: Record<string, string> } }

export interface Standin<T> {
  received(): Promise<Received<T>>;
  script(token: string, answers: ScriptedAnswer[]): Promise<void>;
  reset(): Promise<void>;
  stop(): void;
}

export interface PushStandins {
  fcm: Standin<FcmMessage>;
  apns: Standin<ApnsNotification>;
  baidu: Standin<BaiduMessage>;
  /** identity's env for all three providers. */
  env: Record<string, string>;
  stop(): void;
}

export const APNS_TOPIC = 'com.example.rewards';
const APNS_KEY_ID = 'ABC123DEFG';
const APNS_TEAM_ID = 'TEAM123456';
const BAIDU_API_KEY = 'baiduApiKey1234';
const BAIDU_SECRET_KEY = 'baidu-secret-key-5678';

async function spawnStandin(entry: string, env: Record<string, string>): Promise<{ child: Started; words: string[] }> {
  const child = await startProcess(fixtureMain('push-standins', entry), { NODE_OPTIONS: '', ...env }, (out) => /listening [^\n]+\n/.test(out), 10_000);
  return { child, words: /listening ([^\n]+)\n/.exec(child.output())![1].split(' ') };
}

function control<T>(child: Started, port: string): Standin<T> {
  const base = `http://127.0.0.1:${port}`;
  const post = async (path: string, body: unknown) => { await fetch(`${base}${path}`, { method: 'POST', body: JSON.stringify(body) }); };
  return {
    received: async () => (await (await fetch(`${base}/received`)).json()) as Received<T>,
    script: (token, answers) => post('/script', { token, answers }),
    reset: () => post('/reset', {}),
    stop: () => { void child.stop(); },
  };
}

export function fcmServiceAccount(tokenUri: string) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    type: 'service_account', project_id: 'rewards-test', private_key_id: 'test-key-1',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: 'push@rewards-test.iam.gserviceaccount.com', client_id: '1', token_uri: tokenUri,
  };
}

export async function startFcmStandin(): Promise<{ standin: Standin<FcmMessage>; env: Record<string, string> }> {
  const account = fcmServiceAccount('https://oauth2.googleapis.com/token');
  const json = JSON.stringify(account);
  const { child, words: [port, controlPort] } = await spawnStandin('fcm-main', { SERVICE_ACCOUNT_JSON: json });
  const base = `http://127.0.0.1:${port}`;
  return { standin: control(child, controlPort), env: { FCM_SERVICE_ACCOUNT_JSON: json, FCM_API_BASE: base, FCM_TOKEN_URL: `${base}/token` } };
}

export async function startPushStandins(): Promise<PushStandins> {
  const fcm = await startFcmStandin();
  const p8 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const apns = await spawnStandin('apns-main', { APNS_KEY_P8: p8, APNS_KEY_ID, APNS_TEAM_ID, APNS_TOPIC });
  const [prodPort, sandboxPort, apnsControl, certFile] = apns.words;
  const baidu = await spawnStandin('baidu-main', { BAIDU_API_KEY, BAIDU_SECRET_KEY });
  const standins = { fcm: fcm.standin, apns: control<ApnsNotification>(apns.child, apnsControl), baidu: control<BaiduMessage>(baidu.child, baidu.words[1]) };
  return {
    ...standins,
    env: {
      ...fcm.env,
      APNS_KEY_P8: p8.replace(/\n/g, '\\n'), APNS_KEY_ID, APNS_TEAM_ID, APNS_TOPIC, APNS_CA_FILE: certFile,
      APNS_API_BASE: `https://127.0.0.1:${prodPort}`, APNS_SANDBOX_API_BASE: `https://localhost:${sandboxPort}`,
      BAIDU_PUSH_API_KEY: BAIDU_API_KEY, BAIDU_PUSH_SECRET_KEY: BAIDU_SECRET_KEY, BAIDU_PUSH_API_BASE: `http://127.0.0.1:${baidu.words[0]}/rest/3.0`,
    },
    stop: () => Object.values(standins).forEach((s) => s.stop()),
  };
}
