// The data the documented routes need to answer 200 with every documented part filled: a
// brand admin with a full profile, a card, scans, claims, coins, buddies, contributions,
// transactions and a certificate; a participant with a plan, a fee, a top-up and an API key.
// Built once, lazily, through the gateway and the internal callers' message patterns.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { BillingPattern, CertificatesPattern, Header, type HttpRequestPayload, RewardsPattern, type SessionInfo } from '#libs/contracts';
import { RedisStreamsClient, StreamRecord } from '#libs/transport';
import { activationCodeFromMime } from '../identity/identity-process.js';
import { httpPayload } from '../support/service-harness.js';
import { lastMailTo, type RunningSystem } from '../support/system.js';
import { activeUser, signIn, signInSystemAdmin, type SignedIn, SYSTEM_PARTICIPANT, uniqueEmail } from '../support/trust-callers.js';
import { caller, eventually, internalCaller, uniquePrefix } from '../journeys/journey-support.js';

export const COIN = 10n ** 18n;
export const CARD = { number: '5200828282828210', exp_month: 12, exp_year: new Date().getUTCFullYear() + 3, name: 'JANE DOE', cvc: 323 };
export const FULL_PROFILE = {
  first_name: 'First Name', last_name: 'Last Name', language: 'en', country: '036', post_code: '3004', city: 'Melbourne',
  address1: '10 Queens Rd', address2: '', birthdate: '1970-01-01', gender: 'male', photo: 'http://google.com/image.png', job_title: 'Manager',
};
export const HASH = '0x09acbc55a8945966a514c59c6495a8451f6cc4a9cf9e3a77d9c013c682ce5383';
const once = <T>(make: () => Promise<T>) => { let p: Promise<T> | undefined; return () => (p ??= make()); };
export const phoneNumber = () => `+7928${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

export class World {
  readonly call: ReturnType<typeof caller>;
  readonly internal: ReturnType<typeof internalCaller>;
  private readonly gatewayClients = new Map<string, RedisStreamsClient>();

  constructor(readonly sys: RunningSystem, readonly register: (provider: string, credential: string, profile: Record<string, unknown>) => Promise<void>) {
    this.call = caller(sys);
    this.internal = internalCaller(sys, 'conformance');
  }

  readonly admin = once(() => signInSystemAdmin(this.sys));

  /** The brand admin with everything: profile, phone, card, participant, scans, coins, buddies, ... */
  readonly rich = once(async () => {
    const rich = await this.brandAdmin('conformance-rich');
    await eventually(() => this.adminPost('/identity-service/user/scans', { id: rich.userId }));
    await this.activity(rich.userId);
    return rich;
  });

  /** A user who gave a card and registered a brand the moderator approved, with the documents' full profile. */
  async brandAdmin(tag: string) {
    const user = await activeUser(this.sys, tag);
    const prefix = uniquePrefix();
    await this.call('PUT', '/identity-service/account/pending_participant', {
      ticket: user.ticket,
      body: { pending_plan: 'complete', country: '036', card: CARD, gs1_activation_code: '22777772231',
        pending_participant: { company_prefix: prefix, name: `Conformance Brand ${prefix}`, brand_name: 'Conformance', participant_type: 'product360' } },
    });
    const admin = await this.admin();
    const code = await this.call('POST', '/identity-service/account/pending_participant/get_code', { ticket: admin.ticket, body: { id: user.userId } });
    await this.call('GET', `/identity-service/pending_participant/${code.body.code}/approve`);
    const signedIn = await signIn(this.sys, user.email, user.password);
    await this.call('PUT', '/identity-service/account', { ticket: signedIn.ticket, body: { ...FULL_PROFILE, phone: phoneNumber() } });
    await this.call('POST', '/identity-service/account/locale', { ticket: signedIn.ticket, body: { country: '036', language: 'en', timezone_min: 600 } });
    await this.call('POST', '/identity-service/set_device_id/', { ticket: signedIn.ticket, body: { id: `device-${randomUUID()}`, type: 'gcm' } });
    return { ...signedIn, participantId: signedIn.currentParticipant, prefix };
  }

  /** Scans (one with a rewarded claim), contributions, buddies, transactions, a certificate. */
  private async activity(userId: string): Promise<void> {
    const scan = await this.internal.send<{ claims: { id: string }[] }>('rewards', RewardsPattern.Scan, {
      idempotency_key: randomUUID(), user_id: userId, scan_id: randomUUID(), code: '4602676004991', product_id: '04602676004991',
      product_name: 'капли глазные "тауфон" 4%', image_url: 'https://cdn.example/p.png', event_ts: new Date().toISOString(),
      latitude: '56838747', longitude: '53245708', accuracy: '65', city: 'Izhevsk', country: '643', language: 'en',
      headers: { accept: '*/*', 'accept-encoding': 'gzip, deflate', 'accept-language': 'en-us', connection: 'upgrade', 'content-length': '129',
        'content-type': 'application/json; charset=utf-8', host: 'api.example', 'user-agent': 'Shping/0.1.0.424', 'x-forwared-for': '46.147.132.179', 'x-real-ip': '46.147.132.179' },
    });
    for (const claim of scan.claims) await this.decide(userId, claim.id);
    for (const [pattern, ref] of [[RewardsPattern.ProductAdded, `p-${randomUUID()}`], [RewardsPattern.Review, `r-${randomUUID()}`]] as const) {
      const added = await this.internal.send<{ claims?: { id: string }[] }>('rewards', pattern, { idempotency_key: randomUUID(), user_id: userId, ref, status: 'accepted' });
      for (const claim of added.claims ?? []) await this.decide(userId, claim.id).catch(() => undefined);
    }
    const buddy = await activeUser(this.sys, 'conformance-buddy');
    await eventually(() => this.adminPost('/identity-service/user/scans', { id: buddy.userId }));
    await this.internal.send('rewards', RewardsPattern.BuddyInvitationSent, { idempotency_key: randomUUID(), user_id: userId, invitation_id: 'inv-1' });
    await this.internal.send('rewards', RewardsPattern.BuddyInvitationAccepted, {
      idempotency_key: randomUUID(), user_id: userId, invitation_id: 'inv-1', buddy_id: buddy.userId, buddy_first_name: 'Buddy', buddy_last_name: '', buddy_photo: '', status: 'family_separately',
    });
    await this.internal.send('rewards', RewardsPattern.Deposit, { idempotency_key: randomUUID(), user_id: userId, coins: (1000n * COIN).toString(), hash: HASH });
    await this.internal.send('rewards', RewardsPattern.Cashout, {
      idempotency_key: randomUUID(), user_id: userId, type: 'bank', coins: (100n * COIN).toString(), currency: 'aud', converted_value: 0.06, converted_usd_value: 0.03,
      hash: 'f2844305f06bc7918114622f96002e8b',
      account: { account: '658663884', bank: 'Test4', bsb: '856658', city: 'Test4', country: '036', description: 'Test4', id: randomUUID(), name: 'Test4' },
    });
    await this.internal.send('rewards', RewardsPattern.Cashout, {
      idempotency_key: randomUUID(), user_id: userId, type: 'erc20', coins: (50n * COIN).toString(), fee: (5n * COIN).toString(),
      address: '0x1b0b278dDEAe29c4502f3888E6B58367643f9308', coins_wei_rate: 3.333333334e-10, wei: 16666666670, hash: '0xa2e12a7a050efeaa9d38a7329bb110852ac8a1fef8f87241f2b67e1510e885c0',
    });
    await this.internal.send('certificates', CertificatesPattern.UserIssue, certificateFor(userId));
    await this.internal.send('certificates', CertificatesPattern.UserIssue, certificateFor(userId, -2)); // ended: archival
    await this.asGateway('rewards', RewardsPattern.JobRun, { body: { job: 'reminders' } });
  }

  private decide(userId: string, claimId: string) {
    return this.internal.send('rewards', RewardsPattern.ClaimDecide, { idempotency_key: randomUUID(), user_id: userId, claim_id: claimId, status: 'approved' });
  }

  /** A sys-admin POST through the gateway. */
  async adminPost(path: string, body: unknown, expect: number | number[] = 200) {
    return this.call('POST', path, { ticket: (await this.admin()).ticket, body, expect });
  }

  /** A pattern the gateway would send for an HTTP route, with the system admin's session. */
  async asGateway(service: string, pattern: string, req: Partial<HttpRequestPayload>) {
    const admin = await this.admin();
    let client = this.gatewayClients.get(service);
    if (!client) this.gatewayClients.set(service, (client = new RedisStreamsClient({ url: this.sys.redisUrl, service: service as never, caller: 'gateway' })));
    const session: SessionInfo = { userId: admin.userId, name: 'admin', currentParticipant: SYSTEM_PARTICIPANT, roles: admin.roles, modules: [], ticketHash: randomUUID() };
    return firstValueFrom(client.send(pattern, new StreamRecord(httpPayload(req), { [Header.Caller]: 'gateway', [Header.Session]: JSON.stringify(session) })));
  }

  /** The rich user's participant with a paid period, a fee, a top-up rule and coins on deposit. */
  readonly participant = once(async () => {
    const rich = await this.rich();
    const ticket = (await this.admin()).ticket;
    const base = `/identity-service/participants/participant/${rich.participantId}`;
    await this.call('PUT', `${base}/payment`, { ticket, body: { from_date: '2026-02-16', to_date: '2026-03-16' } });
    await this.call('PUT', `${base}/deposit/fee`, { ticket, body: { type: 'percentages', value: 50, status: 'active', source: 'balance' } });
    await this.call('PUT', `${base}/deposit/topup`, {
      ticket, body: { amount: 20000, currency: 'aud', frequency: 'weekly', coins_threshold: '20000000000000000000000', minimal_amount: false, status: 'active' },
    });
    await this.internal.send('participants-billing', BillingPattern.DepositCredit, { participantId: rich.participantId, amount: (1000n * COIN).toString(), idempotencyKey: `conformance-${rich.prefix}` });
    return rich;
  });

  /** A user whom the automatic `scan_interval` rule banned (two scans within a second) and an admin let go: a ban history. */
  readonly bannedUser = once(async () => {
    const user = await this.user('conformance-banned');
    await eventually(() => this.adminPost('/identity-service/user/scans', { id: user.userId }));
    for (let i = 0; i < 2; i++) {
      await this.internal.send('rewards', RewardsPattern.Scan, { idempotency_key: randomUUID(), user_id: user.userId, code: `460${i}${Date.now()}`, event_ts: new Date().toISOString() });
    }
    await eventually(async () => {
      const ban = await this.adminPost('/user/rewards_ban/get', { id: user.userId });
      if (ban.body.status !== 'active') throw new Error('no automatic ban yet');
    });
    await this.adminPost('/user/rewards_ban/unset', { id: user.userId }); // the ended ban moves to the history
    return user;
  });

  /**
   * The participant with a fee of the given type: a fee's value is a number for percentages and
   * a coin string for coins, and each example shows one type.
   */
  async withFee(fee: { type: 'coins' | 'percentages'; value: string | number }) {
    const p = await this.participant();
    await this.call('PUT', `/identity-service/participants/participant/${p.participantId}/deposit/fee`, {
      ticket: (await this.admin()).ticket, body: { ...fee, status: 'active', source: 'balance' },
    });
    return p;
  }

  /** Two payment certificates of the rich user's participant: their ids. */
  readonly certificates = once(async () => {
    const created = await this.call('POST', '/external/payment-certificate/bulk-create/', {
      apiKey: await this.apiKey(), body: [{ code: `CERT-${randomUUID()}`, is_active: true, value: 500 }, { code: `CERT-${randomUUID()}`, is_active: false, value: 1000 }], expect: [200, 201],
    });
    return (created.body as { id: number }[]).map((c) => c.id);
  });

  /** A participant API key of the rich user's participant. */
  readonly apiKey = once(async () => {
    const rich = await this.rich();
    const res = await this.call('POST', '/certificates/api-keys', { ticket: (await this.admin()).ticket, body: { participant_id: rich.participantId, name: 'conformance' }, expect: [200, 201] });
    return res.body.key as string;
  });

  /** A new account with the documents' full profile, not activated yet: its activation code. */
  async pendingAccount(extra: Record<string, unknown> = {}): Promise<{ email: string; password: string; code: string; created: unknown }> {
    const email = uniqueEmail('conformance-new');
    const password = 'conformance-pass-1';
    const created = await this.call('POST', '/identity-service/account', { body: { email, password, ...FULL_PROFILE, address2: undefined, phone: phoneNumber(), ...extra } });
    const code = activationCodeFromMime(lastMailTo(this.sys.outboxDir, email)!)!;
    return { email, password, code, created: created.body };
  }

  /** The newest SMS code sent to `phone`. */
  smsCode(phone: string): string {
    const files = readdirSync(this.sys.outboxDir).filter((f) => f.endsWith('.sms.json')).sort().reverse();
    for (const f of files) {
      const sms = JSON.parse(readFileSync(join(this.sys.outboxDir, f), 'utf8')) as { to: string; body: string };
      if (sms.to === phone) return /(\d{4,8})\s*$/.exec(sms.body)![1];
    }
    throw new Error(`no SMS to ${phone}`);
  }

  /** A phone account (created, not activated yet). */
  async phoneAccount(): Promise<{ phone: string; password: string }> {
    const phone = phoneNumber();
    await this.call('POST', '/identity-service/account', { body: { reg_type: 'phone', phone, password: 'conformance-phone-1', language: 'en', country: '616' } });
    return { phone, password: 'conformance-phone-1' };
  }

  async user(tag: string): Promise<SignedIn> {
    return activeUser(this.sys, tag);
  }

  async close(): Promise<void> {
    await this.internal.close();
    await Promise.all([...this.gatewayClients.values()].map((c) => c.close()));
  }
}

/** A shop's certificate for `userId`; `days` from now to the item's end (negative: ended, archival). */
export function certificateFor(userId: string, days = 30) {
  const store = Math.floor(Math.random() * 1e6) + 1;
  const now = new Date(Date.now() + Math.min(0, days - 1) * 86_400_000);
  return {
    issue_key: `conformance-${randomUUID()}`, user_id: userId, text: 'Thank you', attribute_values: [],
    item: {
      id: `item-${store}`, name: 'Gift card', platform_price: 10, price: 12, format_price: 'A$12', sku: 'SKU-1', start_time: now.toISOString(),
      end_time: new Date(Date.now() + days * 86_400_000).toISOString(), duration: 30, event_type: 'gift', assets: [], participants_limit: 10,
      location: { address: '1 Main St', country: '036', city: 'Melbourne' },
      store: { id: store, participant_id: SYSTEM_PARTICIPANT, name: `Shop ${store}`, is_blogger: false, seller_type: 'shop', logo_url: 'https://cdn.example/logo.png' },
    },
    promo_code: { id: `promo-${store}`, promo_code: `PROMO${store}`, discount_percent: 10, expired_at: new Date(now.getTime() + 86_400_000).toISOString(), is_for_winner: false },
    round: { id: `round-${store}`, uniq_id: `uniq-${store}` },
  };
}
