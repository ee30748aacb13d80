// No secret rests in Redis: a full flow through the gateway (sign-up, sign-in, card, API key,
// phone codes, reset ticket, refused and accepted merge, password restore) against a Redis with
// its append-only file on, then every key of every type and every file Redis wrote is searched
// for each secret the flow used.
import { jest } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { restoreCodeFromText } from '../../apps/identity/src/mail/restore-mail.js';
import { activationCodeFromMime } from '../identity/identity-process.js';
import { STRIPE_KEY, type StripeStandin, startStripeStandin } from '../participants-billing/support/harness.js';
import { restartableRedis } from '../support/proof-infra.js';
import { http, lastMailTo, type RunningSystem, startSystem } from '../support/system.js';
import { activeUser, otherParticipantAdmin, signInSystemAdmin, withTicket } from '../support/trust-callers.js';

jest.setTimeout(180_000);

let stripe: StripeStandin;
let redisServer: Awaited<ReturnType<typeof restartableRedis>>;
let sys: RunningSystem;
/** What must never be found, by name; values as they would appear if leaked. */
const secrets = new Map<string, string>();

const call = (method: string, path: string, opts?: Parameters<typeof http>[3]) => http(sys.baseUrl, method, path, opts);
async function ok(step: string, res: Promise<{ status: number; body: any }>) {
  const answer = await res;
  if (![200, 201, 204].includes(answer.status)) throw new Error(`${step}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}
const CARD = { number: '4000056655665556', exp_month: 11, exp_year: new Date().getUTCFullYear() + 3, cvc: 731, name: 'SECRET HOLDER' };
const phoneNumber = () => `+7928${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

/** The newest SMS to `phone` in the outbox; its digits are the code. */
function lastSmsCode(phone: string): string {
  const files = readdirSync(sys.outboxDir).filter((f) => f.endsWith('.sms.json')).sort().reverse();
  for (const f of files) {
    const sms = JSON.parse(readFileSync(join(sys.outboxDir, f), 'utf8')) as { to: string; body: string };
    if (sms.to === phone) return /(\d{4,8})\s*$/.exec(sms.body)![1];
  }
  throw new Error(`no SMS to ${phone}`);
}

beforeAll(async () => {
  stripe = await startStripeStandin();
  redisServer = await restartableRedis();
  sys = await startSystem({ REDIS_URL: redisServer.url, STRIPE_API_BASE: stripe.base, STRIPE_SECRET_KEY: STRIPE_KEY });
  await runFlow();
}, 240_000);

afterAll(async () => {
  await sys?.stop();
  await redisServer?.stop();
  await stripe?.stop();
});

async function runFlow(): Promise<void> {
  // Sign-up, activation, sign-in: password, activation code, ticket.
  const user = await activeUser(sys, 'at-rest', 'At-Rest-Password-5521');
  secrets.set('password', user.password).set('ticket', user.ticket);
  secrets.set('activation code', activationCodeFromMime(lastMailTo(sys.outboxDir, user.email) ?? '')!);

  // A card on its way to participants-billing (and Stripe's stand-in).
  await ok('card', call('PUT', '/identity-service/account/pending_participant', {
    headers: withTicket(user.ticket),
    body: { pending_plan: 'complete', country: '036', card: CARD,
      pending_participant: { company_prefix: `93${String(Date.now()).slice(-7)}`, name: 'At Rest Brand', participant_type: 'product360' } },
  }));
  expect((await stripe.state()).payment_methods.some((m) => m.card.last4 === CARD.number.slice(-4))).toBe(true);
  secrets.set('card number', CARD.number).set('card cvc', `"cvc":${CARD.cvc}`);

  // A participant API key, created and then used on every external call (certificates verifies it).
  const admin = await signInSystemAdmin(sys);
  secrets.set('admin ticket', admin.ticket);
  const brand = await otherParticipantAdmin(sys, admin);
  secrets.set('brand admin ticket', brand.ticket);
  const created = await ok('api key', call('POST', '/certificates/api-keys', { headers: withTicket(admin.ticket), body: { participant_id: brand.currentParticipant, name: 'at rest' } }));
  secrets.set('api key', created.key);
  await ok('use api key', call('GET', '/external/payment-certificate', { headers: { 'x-api-key': created.key } }));

  // Phone account: activation code by SMS, then a reset code and the one-time reset ticket.
  const phone = phoneNumber();
  await ok('phone account', call('POST', '/identity-service/account', { body: { reg_type: 'phone', phone, password: 'Phone-Secret-Pass-81' } }));
  const activation = lastSmsCode(phone);
  secrets.set('phone activation code', `"${activation}"`).set('phone password', 'Phone-Secret-Pass-81');
  await ok('verify phone', call('POST', '/identity-service/account/phone/verify_code', { body: { phone, code: activation } }));
  await ok('reset code', call('POST', '/identity-service/account/phone/send_code', { body: { phone, reset_password: true } }));
  const resetCode = lastSmsCode(phone);
  const reset = await ok('reset ticket', call('POST', '/identity-service/account/phone/verify_code', { body: { phone, code: resetCode, reset_password: true } }));
  secrets.set('phone reset code', `"${resetCode}"`).set('reset ticket', reset.ticket);
  await ok('reset password', call('POST', '/identity-service/account/phone/reset_password', { body: { phone, password: 'Phone-Secret-Pass-82', ticket: reset.ticket } }));
  secrets.set('new phone password', 'Phone-Secret-Pass-82');

  // Merge: refused first (same registration type), leaving a live secondary ticket; then accepted.
  const other = await activeUser(sys, 'at-rest-other', 'Other-Secret-Pass-19');
  secrets.set('other password', other.password).set('secondary ticket', other.ticket);
  const refused = await call('POST', '/identity-service/account/merge', { headers: withTicket(user.ticket), body: { secondary_ticket: other.ticket } });
  expect(refused.status).toBeGreaterThanOrEqual(400);
  const phoneSession = await ok('phone sign-in', call('POST', '/identity-service/session', { body: { phone, password: 'Phone-Secret-Pass-82' } }));
  secrets.set('phone ticket', phoneSession.ticket);
  await ok('merge', call('POST', '/identity-service/account/merge', { headers: withTicket(user.ticket), body: { secondary_ticket: phoneSession.ticket } }));

  // Password restore by email code.
  await ok('restore request', call('POST', '/identity-service/account/restore', { body: { email: other.email } }));
  const mail = lastMailTo(sys.outboxDir, other.email)!;
  const restore = restoreCodeFromText(mail.replace(/=\r?\n/g, ''))!;
  secrets.set('restore code', restore);
  await ok('restore', call('POST', `/identity-service/account/restore/${restore}`, { body: { password: 'Restored-Secret-Pass-3' } }));
  secrets.set('restored password', 'Restored-Secret-Pass-3');
}

/** Every value Redis holds, all types (streams and dead letters included), as raw bytes. */
async function redisContents(redis: Redis): Promise<Buffer> {
  const parts: Buffer[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scanBuffer(cursor, 'COUNT', 1000);
    cursor = next.toString();
    for (const key of keys) {
      parts.push(key);
      const type = await redis.type(key);
      if (type === 'string') parts.push((await redis.getBuffer(key)) ?? Buffer.alloc(0));
      else if (type === 'hash') parts.push(...Object.values(await redis.hgetallBuffer(key)), ...(await redis.hkeysBuffer(key)));
      else if (type === 'list') parts.push(...(await redis.lrangeBuffer(key, 0, -1)));
      else if (type === 'set') parts.push(...(await redis.smembersBuffer(key)));
      else if (type === 'zset') parts.push(...(await redis.zrangeBuffer(key, 0, -1)));
      else if (type === 'stream') for (const [, fields] of (await redis.xrangeBuffer(key, '-', '+')) as [Buffer, Buffer[]][]) parts.push(...fields);
    }
  } while (cursor !== '0');
  return Buffer.concat(parts);
}

/** Every file Redis has written under its directory (AOF base and increments, RDB if any). */
function filesWritten(dir: string): Buffer {
  const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  return Buffer.concat(walk(dir).map((f) => readFileSync(f)));
}

describe('no secret at rest in Redis', () => {
  it('ran the whole flow (the search below is not vacuous)', () => {
    expect([...secrets.keys()]).toEqual(expect.arrayContaining(['password', 'activation code', 'ticket', 'card number', 'api key', 'phone activation code', 'reset ticket', 'secondary ticket', 'restore code']));
    expect([...secrets.values()].every((v) => typeof v === 'string' && v.length >= 6)).toBe(true);
  });

  it('finds none of the secrets in any key or value, streams and dead letters included', async () => {
    const redis = new Redis(redisServer.url);
    const contents = await redisContents(redis);
    redis.disconnect();
    expect(contents.length).toBeGreaterThan(1000);
    const found = [...secrets].filter(([, value]) => contents.includes(Buffer.from(value))).map(([name]) => name);
    expect(found).toEqual([]);
  });

  it('finds none of them in the append-only file on disk', async () => {
    const redis = new Redis(redisServer.url);
    const dir = ((await redis.config('GET', 'dir')) as string[])[1];
    redis.disconnect();
    await new Promise((r) => setTimeout(r, 1_500)); // appendfsync everysec
    const files = filesWritten(dir);
    expect(files.includes(Buffer.from('XADD'))).toBe(true); // the AOF holds the transport's traffic
    const found = [...secrets].filter(([, value]) => files.includes(Buffer.from(value))).map(([name]) => name);
    expect(found).toEqual([]);
  });
});
