// Sessions that always end: with a 3-second idle lifetime, sessions kept in use for several
// lifetimes are still ended by block, delete, merge, password change, restore and phone reset.
// Also the caller's own session list and ending one of them (GET/DELETE /identity-service/sessions).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { activationCodeFromMime } from '../identity/identity-process.js';
import { restoreCodeFromText } from '../../apps/identity/src/mail/restore-mail.js';
import { http, lastMailTo, type RunningSystem, startSystem, SYSTEM_ADMIN } from '../support/system.js';

const TTL_SECONDS = 3;
let sys: RunningSystem;
beforeAll(async () => { sys = await startSystem({ SESSION_TTL_SECONDS: String(TTL_SECONDS), SESSION_MAX_AGE_SECONDS: '120' }); }, 180_000);
afterAll(async () => { await sys?.stop(); });

const call = (method: string, path: string, opts?: Parameters<typeof http>[3]) => http(sys.baseUrl, method, path, opts);
const auth = (ticket: string, extra: Record<string, string> = {}) => ({ authenticateit_identity_ticket: ticket, ...extra });
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PASSWORD = 'revoke-password-1';

async function emailUser(password = PASSWORD): Promise<{ email: string; userId: string }> {
  const email = `rev-${unique()}@rewards.test`;
  const created = await call('POST', '/identity-service/account', { body: { email, password } });
  expect(created.status).toBe(200);
  const code = activationCodeFromMime(lastMailTo(sys.outboxDir, email)!);
  expect((await call('GET', `/identity-service/account/activate/${code}`)).status).toBe(200);
  return { email, userId: created.body.id };
}

function lastSmsCode(to: string): string | undefined {
  const files = readdirSync(sys.outboxDir).filter((f) => f.endsWith('.sms.json')).sort();
  const bodies = files.map((f) => JSON.parse(readFileSync(join(sys.outboxDir, f), 'utf8')) as { to: string; body: string }).filter((m) => m.to === to);
  return /(\d{5})\s*$/.exec(bodies.at(-1)?.body ?? '')?.[1];
}

async function phoneUser(): Promise<{ phone: string; userId: string }> {
  const phone = `+6140${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const created = await call('POST', '/identity-service/account', { body: { reg_type: 'phone', phone, password: PASSWORD } });
  expect(created.status).toBe(200);
  const verified = await call('POST', '/identity-service/account/phone/verify_code', { body: { phone, code: lastSmsCode(phone) } });
  expect(verified.status).toBe(200);
  return { phone, userId: created.body.id };
}

async function signIn(body: Record<string, unknown>, userAgent = 'revocation-test/1.0'): Promise<string> {
  const res = await call('POST', '/identity-service/session', { body, headers: { 'user-agent': userAgent } });
  expect(res.status).toBe(200);
  return res.body.ticket;
}

const profileStatus = async (ticket: string) => (await call('GET', '/identity-service/account', { headers: auth(ticket) })).status;

/**
 * Uses every ticket it is given every 500 ms (from the moment it is given) until stopped, so each
 * stays alive only by being used; counts every use that was not a 200.
 */
function keepInUse() {
  const tickets = new Set<string>();
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const statuses = await Promise.all([...tickets].map(async (t) => (await call('GET', '/identity-service/session', { headers: auth(t) })).status));
      failures += statuses.filter((s) => s !== 200).length;
      await sleep(500);
    }
  })();
  return {
    add: (...more: string[]) => { for (const t of more) tickets.add(t); return more; },
    remove: (...done: string[]) => { for (const t of done) tickets.delete(t); },
    failures: () => failures,
    stop: async () => { running = false; await loop; return failures; },
  };
}

/** Signs in and keeps the session in use from now on. */
let keeper: ReturnType<typeof keepInUse>;
const keptSignIn = async (body: Record<string, unknown>, userAgent?: string) => keeper.add(await signIn(body, userAgent))[0];

describe('every session ends, however long it has been in use', () => {
  const flows: Record<string, { tickets: string[]; revoke: () => Promise<void> }> = {};
  let adminTicket: string;

  beforeAll(async () => {
    keeper = keepInUse();
    adminTicket = await keptSignIn(SYSTEM_ADMIN);
    const blocked = await emailUser();
    const deleted = await emailUser();
    const changed = await emailUser();
    const restored = await emailUser();
    const mergePrimary = await emailUser();
    const mergeSecondary = await phoneUser();
    const reset = await phoneUser();
    const twice = async (body: Record<string, unknown>) => [await keptSignIn(body, 'phone-app/2'), await keptSignIn(body, 'web/3')];

    flows.block = {
      tickets: await twice({ email: blocked.email, password: PASSWORD }),
      revoke: async () => {
        const res = await call('POST', '/user/permanently_block/set', { headers: auth(adminTicket), body: { id: blocked.userId } });
        expect(res.body).toEqual({ id: `${blocked.userId}@permanently_block_status`, status: true });
      },
    };
    const deletedTickets = await twice({ email: deleted.email, password: PASSWORD });
    flows.delete = {
      tickets: deletedTickets,
      revoke: async () => { expect((await call('DELETE', '/identity-service/account', { headers: auth(deletedTickets[0]) })).status).toBe(200); },
    };
    const changedTickets = await twice({ email: changed.email, password: PASSWORD });
    flows['password change'] = {
      tickets: changedTickets,
      revoke: async () => {
        const res = await call('PUT', '/identity-service/account', { headers: auth(changedTickets[0]), body: { password: 'changed-password-2', old_password: PASSWORD } });
        expect(res.status).toBe(200);
      },
    };
    flows.restore = {
      tickets: await twice({ email: restored.email, password: PASSWORD }),
      revoke: async () => {
        expect((await call('POST', '/identity-service/account/restore', { body: { email: restored.email } })).status).toBe(200);
        const code = restoreCodeFromText(lastMailTo(sys.outboxDir, restored.email)!.replace(/=\r?\n/g, ''));
        expect((await call('POST', `/identity-service/account/restore/${code}`, { body: { password: 'restored-password-2' } })).status).toBe(200);
      },
    };
    const primaryTicket = await keptSignIn({ email: mergePrimary.email, password: PASSWORD });
    const secondaryTickets = await twice({ phone: mergeSecondary.phone, password: PASSWORD });
    flows.merge = {
      tickets: secondaryTickets,
      revoke: async () => {
        const res = await call('POST', '/identity-service/account/merge', { headers: auth(primaryTicket), body: { secondary_ticket: secondaryTickets[0] } });
        expect(res.status).toBe(204);
      },
    };
    flows['phone reset'] = {
      tickets: await twice({ phone: reset.phone, password: PASSWORD }),
      revoke: async () => {
        expect((await call('POST', '/identity-service/account/phone/send_code', { body: { phone: reset.phone, reset_password: true } })).status).toBe(200);
        const verified = await call('POST', '/identity-service/account/phone/verify_code', { body: { phone: reset.phone, code: lastSmsCode(reset.phone), reset_password: true } });
        expect(verified.status).toBe(200);
        const res = await call('POST', '/identity-service/account/phone/reset_password', { headers: auth(verified.body.ticket), body: { phone: reset.phone, password: 'reset-password-2' } });
        expect(res.status).toBe(200);
      },
    };
    // Four more idle lifetimes of use: a per-user index that expired with the first lifetime would lose them all.
    await sleep(4 * TTL_SECONDS * 1000);
    expect(keeper.failures()).toBe(0);
  }, 120_000);
  afterAll(async () => { await keeper?.stop(); });

  it('an unused session really ends after the idle lifetime', async () => {
    const { email } = await emailUser();
    const idle = await signIn({ email, password: PASSWORD });
    await sleep((TTL_SECONDS + 1) * 1000);
    expect(await profileStatus(idle)).toBe(401);
  });

  for (const name of ['block', 'delete', 'password change', 'restore', 'merge', 'phone reset']) {
    it(`${name} ends every session of the user`, async () => {
      const { tickets, revoke } = flows[name];
      for (const ticket of tickets) expect(await profileStatus(ticket)).toBe(200);
      keeper.remove(...tickets);
      await revoke();
      for (const ticket of tickets) {
        expect(await profileStatus(ticket)).toBe(401);
        expect((await call('GET', '/identity-service/session', { headers: auth(ticket) })).status).toBe(401);
      }
    });
  }
});

describe("the caller's own sessions", () => {
  it('lists them with created, last seen, IP, user agent and current; never a ticket or its hash', async () => {
    const { email } = await emailUser();
    const phone = await signIn({ email, password: PASSWORD }, 'phone-app/2.1');
    const web = await signIn({ email, password: PASSWORD }, 'Mozilla/5.0 (X11; Linux x86_64)');
    const res = await call('GET', '/identity-service/sessions', { headers: auth(web) });
    expect(res.status).toBe(200);
    expect(res.body.sessions).toHaveLength(2);
    const [newest, older] = res.body.sessions;
    expect(newest).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/), created_at: expect.any(String), last_seen_at: expect.any(String),
      ip: '127.0.0.1', user_agent: 'Mozilla/5.0 (X11; Linux x86_64)', current: true,
    });
    expect(older).toMatchObject({ user_agent: 'phone-app/2.1', current: false, ip: '127.0.0.1' });
    expect(Date.parse(newest.last_seen_at)).toBeGreaterThanOrEqual(Date.parse(newest.created_at) - 1000);
    const text = JSON.stringify(res.body);
    for (const ticket of [phone, web]) {
      expect(text).not.toContain(ticket);
      expect(text).not.toContain(createHash('sha256').update(ticket).digest('hex'));
      expect(text).not.toContain(createHash('sha256').update(ticket).digest('base64url'));
    }
    expect(text).not.toMatch(/ticket|hash/i);
  });

  it("ends one of them by id; another user's id, an unknown id and no ticket are refused", async () => {
    const alice = await emailUser();
    const bob = await emailUser();
    const aliceOld = await signIn({ email: alice.email, password: PASSWORD });
    const aliceNow = await signIn({ email: alice.email, password: PASSWORD });
    const bobTicket = await signIn({ email: bob.email, password: PASSWORD });
    const aliceSessions = (await call('GET', '/identity-service/sessions', { headers: auth(aliceNow) })).body.sessions;
    const old = aliceSessions.find((s: { current: boolean }) => !s.current);

    const foreign = await call('DELETE', `/identity-service/sessions/${old.id}`, { headers: auth(bobTicket) });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error).toEqual(expect.any(String));
    expect(await profileStatus(aliceOld)).toBe(200);
    expect((await call('DELETE', '/identity-service/sessions/AAAAAAAAAAAAAAAA', { headers: auth(aliceNow) })).status).toBe(404);
    expect((await call('DELETE', `/identity-service/sessions/${'x'.repeat(400)}`, { headers: auth(aliceNow) })).status).toBe(404);
    expect((await call('DELETE', `/identity-service/sessions/${old.id}`)).status).toBe(401);
    expect((await call('GET', '/identity-service/sessions')).status).toBe(401);

    const ended = await call('DELETE', `/identity-service/sessions/${old.id}`, { headers: auth(aliceNow) });
    expect(ended.status).toBe(200);
    expect(await profileStatus(aliceOld)).toBe(401);
    expect(await profileStatus(aliceNow)).toBe(200);
    const left = (await call('GET', '/identity-service/sessions', { headers: auth(aliceNow) })).body.sessions;
    expect(left).toEqual([expect.objectContaining({ current: true })]);
    expect((await call('DELETE', `/identity-service/sessions/${old.id}`, { headers: auth(aliceNow) })).status).toBe(404);
  });

  it('leaves sessions that ended by themselves out of the list', async () => {
    const { email } = await emailUser();
    await signIn({ email, password: PASSWORD });
    keeper = keepInUse();
    const kept = await keptSignIn({ email, password: PASSWORD });
    await sleep((TTL_SECONDS + 1) * 1000);
    expect(await keeper.stop()).toBe(0);
    const res = await call('GET', '/identity-service/sessions', { headers: auth(kept) });
    expect(res.body.sessions).toEqual([expect.objectContaining({ current: true })]);
  });
});
