// Every audited action through the gateway, as a sys-admin or a participant's security_admin:
// exactly one record in audit/get with actor, client IP, request id, target and the changed
// fields; a failed or forbidden action records nothing; a created API key is never recorded.
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { type AuditEventView, RewardsPattern } from '#libs/contracts';
import { hashApiKey } from '../../apps/certificates/src/api-keys/api-key-format.js';
import { eventually, internalCaller } from '../journeys/journey-support.js';
import { http, type RunningSystem } from '../support/system.js';
import { sharedSystem } from '../support/shared-system.js';
import { activeUser, otherParticipantAdmin, type SignedIn, signInSystemAdmin, SYSTEM_PARTICIPANT, withTicket } from '../support/trust-callers.js';
import { type Acted, act, allEvents, expectOk, recordedBy } from './audit-support.js';

const anonymous = { userId: null, currentParticipant: null } as unknown as SignedIn;

jest.setTimeout(180_000);

const COIN = 10n ** 18n;
const I = '/identity-service';
let sys: RunningSystem;
let admin: SignedIn;
let brand: SignedIn;
let participant: string;
let rewards: ReturnType<typeof internalCaller>;

beforeAll(async () => {
  sys = await sharedSystem();
  rewards = internalCaller(sys, 'audit-suite');
  admin = await signInSystemAdmin(sys);
  brand = await otherParticipantAdmin(sys, admin);
  participant = brand.currentParticipant;
});

afterAll(async () => {
  await rewards?.close();
  await sys?.stop();
});

/** The one record `acted` left: who (as `by`), from where, which request, what target. */
async function theRecord(acted: Acted, by: SignedIn, action: string, target: string, owner: string | null = null): Promise<AuditEventView> {
  const events = await recordedBy(sys, admin.ticket, acted, { target });
  expect(events.map((e) => e.action)).toEqual([action]);
  const [event] = events;
  expect(event).toMatchObject({
    action, target: { id: target, owner },
    actor: { user_id: by.userId, participant_id: by.currentParticipant, ip: acted.ip, request_id: acted.requestId, caller: 'gateway' },
  });
  expect(acted.requestId).not.toBe('');
  expect(Date.now() - Date.parse(event.time)).toBeLessThan(60_000);
  return event;
}

/** How many records there are about `target` (all actions), to show a failed action added none. */
const countFor = async (target: string) => (await allEvents(sys, admin.ticket, { target })).length;

describe('audited actions (one record each; failures none)', () => {
  it('permanent block and unblock (identity); blocking twice records once; an unknown user records nothing', async () => {
    const victim = await activeUser(sys, 'audit-block');
    const blocked = await act(sys, admin.ticket, 'POST', '/user/permanently_block/set', { id: victim.userId });
    expectOk('block', blocked);
    const event = await theRecord(blocked, admin, 'user.block', victim.userId);
    expect(event).toMatchObject({ service: 'identity', operation: 'UPDATE', target: { type: 'user' }, before: { blocked_at: null } });
    expect(Date.parse(event.after!.blocked_at as string)).toBeGreaterThan(Date.now() - 60_000);

    const again = await act(sys, admin.ticket, 'POST', '/user/permanently_block/set', { id: victim.userId });
    expectOk('block again', again);
    expect(await recordedBy(sys, admin.ticket, again, { target: victim.userId })).toEqual([]);

    const unblocked = await act(sys, admin.ticket, 'POST', '/user/permanently_block/unset', { id: victim.userId });
    expectOk('unblock', unblocked);
    const lifted = await theRecord(unblocked, admin, 'user.unblock', victim.userId);
    expect(lifted).toMatchObject({ before: { blocked_at: event.after!.blocked_at }, after: { blocked_at: null } });

    const unknown = 'urn:authenticateit:user:email:999999999';
    expect((await act(sys, admin.ticket, 'POST', '/user/permanently_block/set', { id: unknown })).status).toBe(404);
    expect(await countFor(unknown)).toBe(0);
  });

  it('a non-admin cannot block (403) and nothing is recorded', async () => {
    const [plain, victim] = await Promise.all([activeUser(sys, 'audit-plain'), activeUser(sys, 'audit-victim')]);
    expect((await act(sys, plain.ticket, 'POST', '/user/permanently_block/set', { id: victim.userId })).status).toBe(403);
    expect((await act(sys, brand.ticket, 'POST', '/user/permanently_block/set', { id: victim.userId })).status).toBe(403);
    expect(await countFor(victim.userId)).toBe(0);
  });

  it('rewards ban set and unset (rewards): the active ban before and after', async () => {
    const user = await activeUser(sys, 'audit-ban');
    const to = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const set = await eventually(async () => {
      const acted = await act(sys, admin.ticket, 'POST', '/user/rewards_ban/set', { id: user.userId, reason: 'audit suite', to });
      expectOk('ban set', acted, [200]);
      return acted;
    });
    const event = await theRecord(set, admin, 'rewards_ban.set', user.userId);
    expect(event).toMatchObject({
      service: 'rewards', operation: 'CREATE', before: { status: 'inactive' },
      after: { status: 'active', reason: 'audit suite', rule_id: 'manual', to },
    });
    const unset = await act(sys, admin.ticket, 'POST', '/user/rewards_ban/unset', { id: user.userId });
    expectOk('ban unset', unset);
    expect(await theRecord(unset, admin, 'rewards_ban.unset', user.userId)).toMatchObject({
      before: { status: 'active', reason: 'audit suite' }, after: { status: 'inactive' },
    });
    const noBan = await act(sys, admin.ticket, 'POST', '/user/rewards_ban/unset', { id: user.userId });
    expectOk('unset without a ban', noBan);
    const bad = await act(sys, admin.ticket, 'POST', '/user/rewards_ban/set', { id: user.userId, reason: 'past', to: '2001-01-01T00:00:00Z' });
    expect(bad.status).toBe(400);
    expect(await countFor(user.userId)).toBe(2);
  });

  it('cashout status change (rewards): target the cashout, owner the user; a refused change records nothing', async () => {
    const user = await activeUser(sys, 'audit-cashout');
    await eventually(() => rewards.send('rewards', RewardsPattern.Deposit, { idempotency_key: randomUUID(), user_id: user.userId, coins: (10n * COIN).toString() }));
    const cashout = await rewards.send<{ transaction_id: string }>('rewards', RewardsPattern.Cashout, {
      idempotency_key: randomUUID(), user_id: user.userId, type: 'bank', coins: (4n * COIN).toString(), fee: COIN.toString(),
      currency: 'AUD', converted_value: 6.1, converted_usd_value: 4, account: { account: '000123', bank: 'Bank', id: `acc-${randomUUID()}`, name: 'Audit' },
    });
    const path = `${I}/user/transactions/cashouts/${cashout.transaction_id}`;
    expect((await act(sys, admin.ticket, 'PUT', `${path}/approved`, { id: user.userId })).status).toBe(400);
    const failed = await act(sys, admin.ticket, 'PUT', `${path}/failure`, { id: user.userId });
    expectOk('cashout failure', failed);
    expect(await theRecord(failed, admin, 'cashout.status', cashout.transaction_id, user.userId)).toMatchObject({
      service: 'rewards', target: { type: 'cashout' }, before: { status: 'success' }, after: { status: 'failure', refunded_coins: (5n * COIN).toString() },
    });
    expect((await act(sys, admin.ticket, 'PUT', `${path}/failure`, { id: user.userId })).status).toBe(409);
    expect(await countFor(cashout.transaction_id)).toBe(1);
    // the owner filter finds it by the user too
    expect((await allEvents(sys, admin.ticket, { target: user.userId })).map((e) => e.target.id)).toEqual([cashout.transaction_id]);
  });

  it("nominations by the participant's security_admin (identity): roles before and after; an outsider is refused and records nothing", async () => {
    const member = await activeUser(sys, 'audit-member');
    const nominated = await act(sys, brand.ticket, 'POST', `${I}/nominate`, { id: member.userId, current_participant: participant, role: ['newsline', 'user'] });
    expectOk('nominate', nominated);
    expect(await theRecord(nominated, brand, 'membership.nominate', member.userId, participant)).toMatchObject({
      service: 'identity', target: { type: 'membership' }, before: { roles: [] }, after: { roles: ['newsline', 'user'] },
    });
    const removed = await act(sys, brand.ticket, 'POST', `${I}/nominate/delete`, { id: member.userId, current_participant: participant, role: ['newsline'] });
    expectOk('denominate', removed);
    expect(await theRecord(removed, brand, 'membership.denominate', member.userId, participant)).toMatchObject({
      before: { roles: ['newsline', 'user'] }, after: { roles: ['user'] },
    });
    const outsider = await activeUser(sys, 'audit-outsider');
    expect((await act(sys, outsider.ticket, 'POST', `${I}/nominate`, { id: outsider.userId, current_participant: participant, role: ['security_admin'] })).status).toBe(403);
    expect((await act(sys, brand.ticket, 'POST', `${I}/nominate`, { id: member.userId, current_participant: participant, role: ['owner'] })).status).toBe(400);
    expect(await countFor(outsider.userId)).toBe(0);
    expect(await countFor(member.userId)).toBe(2);
  });

  it('fee changes (billing): only the changed fields; an invalid fee records nothing', async () => {
    const path = `${I}/participants/participant/${encodeURIComponent(participant)}/deposit/fee`;
    const first = await act(sys, admin.ticket, 'PUT', path, { type: 'percentages', value: 5, status: 'active', source: 'balance' });
    expectOk('fee', first);
    expect(await theRecord(first, admin, 'deposit_fee.set', participant)).toMatchObject({
      service: 'participants-billing', target: { type: 'participant' }, before: null,
      after: { type: 'percentages', value: 5, status: 'active', source: 'balance' },
    });
    const second = await act(sys, admin.ticket, 'PUT', path, { type: 'percentages', value: 7.5, status: 'active', source: 'balance' });
    expectOk('fee change', second);
    const changed = await theRecord(second, admin, 'deposit_fee.set', participant);
    expect(changed.before).toEqual({ type: 'percentages', value: 5 });
    expect(changed.after).toEqual({ type: 'percentages', value: 7.5 });
    const before = await countFor(participant);
    expect((await act(sys, admin.ticket, 'PUT', path, { type: 'percentages', value: 500, status: 'active', source: 'balance' })).status).toBe(400);
    expect((await act(sys, brand.ticket, 'PUT', path, { type: 'percentages', value: 1, status: 'active', source: 'balance' })).status).toBe(403);
    expect(await countFor(participant)).toBe(before);
  });

  it("top-up settings by the participant's own security_admin (billing); another participant's admin is refused", async () => {
    const path = `${I}/participants/participant/${encodeURIComponent(participant)}/deposit/topup`;
    const body = { amount: 20000, coins_threshold: (20_000n * COIN).toString(), currency: 'aud', frequency: 'weekly', minimal_amount: false, status: 'active' };
    const set = await act(sys, brand.ticket, 'PUT', path, body);
    expectOk('top-up', set);
    expect(await theRecord(set, brand, 'deposit_topup.set', participant)).toMatchObject({ before: null, after: body });
    const changed = await act(sys, brand.ticket, 'PUT', path, { ...body, status: 'inactive' });
    expectOk('top-up change', changed);
    const event = await theRecord(changed, brand, 'deposit_topup.set', participant);
    expect({ before: event.before, after: event.after }).toEqual({ before: { status: 'active' }, after: { status: 'inactive' } });
    const stranger = await otherParticipantAdmin(sys, admin);
    const before = await countFor(participant);
    expect((await act(sys, stranger.ticket, 'PUT', path, body)).status).toBe(403);
    expect((await act(sys, brand.ticket, 'PUT', path, { ...body, currency: 'xyz' })).status).toBe(400);
    expect(await countFor(participant)).toBe(before);
  });

  it('plan and trial changes (billing): a granted paid period with its invoice; the trial end', async () => {
    const base = `${I}/participants/participant/${encodeURIComponent(participant)}/payment`;
    const paid = await act(sys, admin.ticket, 'PUT', base, { from_date: '2030-01-01', to_date: '2030-12-31', plan: 'basic' });
    expectOk('paid period', paid);
    const event = await theRecord(paid, admin, 'paid_period.set', participant);
    expect(event.after).toMatchObject({ plan: 'basic', paid_from: '2030-01-01', paid_to: '2030-12-31', payment_status: 'none', amount: 0 });
    expect(event.before).toMatchObject({ paid_from: null, paid_to: null });
    expect(typeof event.after!.invoice_id).toBe('string');

    const trial = await act(sys, admin.ticket, 'PUT', `${base}/trial`, { to_date: '2031-06-30' });
    expectOk('trial', trial);
    expect((await theRecord(trial, admin, 'trial.set', participant)).after).toMatchObject({ trial_to: '2031-06-30T00:00:00Z' });
    const before = await countFor(participant);
    expect((await act(sys, admin.ticket, 'PUT', `${base}/trial`, { to_date: 'soon' })).status).toBe(400);
    expect((await act(sys, admin.ticket, 'PUT', base, { from_date: '2030-02-01', to_date: '2030-01-01' })).status).toBe(400);
    expect(await countFor(participant)).toBe(before);
  });

  it('API key creation and revocation (certificates): the record holds neither the key nor its hash', async () => {
    const created = await act(sys, admin.ticket, 'POST', '/certificates/api-keys', { participant_id: participant, name: 'audit suite' });
    expectOk('create API key', created);
    const { id, key } = created.body as { id: string; key: string };
    expect(key.length).toBeGreaterThan(20);
    const event = await theRecord(created, admin, 'api_key.create', id, participant);
    expect(event).toMatchObject({ service: 'certificates', operation: 'CREATE', target: { type: 'api_key' }, before: null, after: { name: 'audit suite' } });
    const everything = JSON.stringify(await allEvents(sys, admin.ticket));
    expect(everything).not.toContain(key);
    expect(everything).not.toContain(hashApiKey(key));
    expect(everything).not.toContain(key.slice(-16));

    const revoked = await act(sys, admin.ticket, 'DELETE', `/certificates/api-keys/${id}`);
    expectOk('revoke', revoked);
    expect(await theRecord(revoked, admin, 'api_key.revoke', id, participant)).toMatchObject({ before: { revoked_at: null } });
    expectOk('revoke again', await act(sys, admin.ticket, 'DELETE', `/certificates/api-keys/${id}`));
    expect((await act(sys, admin.ticket, 'POST', '/certificates/api-keys', { participant_id: 'not-a-participant' })).status).toBe(400);
    expect(await countFor(id)).toBe(2);
  });

  it("the moderator's decisions (identity): approve grants the registrant's roles, reject records the reason; no session, so IP and request id name the actor", async () => {
    const approved = await allEvents(sys, admin.ticket, { target: brand.userId });
    expect(approved).toHaveLength(1);
    expect(approved[0]).toMatchObject({
      action: 'participant_registration.approve', target: { id: brand.userId, owner: participant },
      actor: { user_id: null, participant_id: null, caller: 'gateway' }, before: { status: 'submitted' },
      after: { status: 'approved', roles: ['security_admin', 'product_line', 'user'] },
    });
    expect(approved[0].actor.request_id).toMatch(/\S/);
    expect(JSON.stringify(approved[0])).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/(approve|reject)/);

    const applicant = await activeUser(sys, 'audit-applicant');
    const prefix = `96${String(Date.now()).slice(-7)}`;
    expect((await http(sys.baseUrl, 'PUT', `${I}/account/pending_participant`, {
      headers: withTicket(applicant.ticket),
      body: { pending_plan: 'complete', country: '036', gs1_activation_code: '22777772231', pending_participant: { company_prefix: prefix, name: `Audit ${prefix}`, brand_name: 'Audit', participant_type: 'product360' } },
    })).status).toBe(200);
    const { code } = (await http(sys.baseUrl, 'POST', `${I}/account/pending_participant/get_code`, { headers: withTicket(admin.ticket), body: { id: applicant.userId } })).body;
    const before = await countFor(applicant.userId);
    const rejected = await act(sys, '', 'POST', `${I}/pending_participant/reject`, { code, reason: 'not a brand' });
    expectOk('reject', rejected);
    expect(await theRecord(rejected, anonymous, 'participant_registration.reject', applicant.userId)).toMatchObject({
      before: { status: 'submitted' }, after: { status: 'rejected', reason: 'not a brand' },
    });
    expect(await countFor(applicant.userId)).toBe(before + 1);
    expect(JSON.stringify(await allEvents(sys, admin.ticket, { target: applicant.userId }))).not.toContain(code);
    expect((await act(sys, '', 'GET', `${I}/pending_participant/${code}/approve`)).status).toBe(409);
    expect(await countFor(applicant.userId)).toBe(before + 1);
  });

  it('phone verification reset (identity, sys-admin)', async () => {
    const user = await activeUser(sys, 'audit-phone');
    const reset = await act(sys, admin.ticket, 'POST', '/user/verifications/phone/reset', { id: user.userId });
    expectOk('reset', reset);
    expect(await theRecord(reset, admin, 'phone_verification.reset', user.userId)).toMatchObject({ before: null });
    expect((await act(sys, user.ticket, 'POST', '/user/verifications/phone/reset', { id: user.userId })).status).toBe(403);
    expect(await countFor(user.userId)).toBe(1);
  });

  it('participant deletion (billing), recorded once however often it is asked', async () => {
    const since = new Date().toISOString();
    const other = await otherParticipantAdmin(sys, admin);
    const path = `${I}/participants/participant/${encodeURIComponent(other.currentParticipant)}`;
    const deleted = await act(sys, admin.ticket, 'DELETE', path);
    expectOk('delete participant', deleted);
    const event = await theRecord(deleted, admin, 'participant.delete', other.currentParticipant);
    expect(event).toMatchObject({ operation: 'DELETE', before: { status: 'active' }, after: { status: 'deleted' } });
    expectOk('delete again', await act(sys, admin.ticket, 'DELETE', path));
    expect((await act(sys, admin.ticket, 'DELETE', `${I}/participants/participant/urn:authenticateit:participant:999999`)).status).toBe(404);
    const deletions = (await allEvents(sys, admin.ticket, { action: 'participant.delete', from: since })).map((e) => e.target.id);
    expect(deletions).toEqual([other.currentParticipant]);
    expect(deletions).not.toContain(SYSTEM_PARTICIPANT);
  });
});
