import { jest } from '@jest/globals';
import { firstValueFrom } from 'rxjs';
import { RedisStreamsClient } from '#libs/transport';
import type { DeletionStatusView, ParticipantSummary, TeamMemberView } from '#libs/contracts';
import { type BillingService, type StripeStandin, createDatabase, startBilling, startStripeStandin } from '../participants-billing/support/harness.js';
import { type IdentityHarness, startIdentity } from './identity-process.js';
import { activeUser, signIn, type SignedIn, unique } from './blocks-support.js';
import { BillingPattern, Events, IdentityPattern } from '#libs/contracts';

jest.setTimeout(120_000);

let id: IdentityHarness;
let stripe: StripeStandin;
let billing: BillingService;
let billingDb: Awaited<ReturnType<typeof createDatabase>>;
let participant: ParticipantSummary;
let boss: SignedIn;
let worker: SignedIn;
let outsider: SignedIn;

beforeAll(async () => {
  billingDb = await createDatabase();
  stripe = await startStripeStandin();
  billing = await startBilling(billingDb.url, stripe.base);
  id = await startIdentity();
  participant = await billing.call<ParticipantSummary>(BillingPattern.ParticipantCreate, { name: `Team ${unique()}`, company_prefix: `7${String(Date.now() % 10_000_000).padStart(7, '0')}` }); // 8 digits at any time of day
  boss = await activeUser(id, `boss.${unique()}@example.com`, 'boss-pass-1', { first_name: 'Bo', last_name: 'Ss' });
  worker = await activeUser(id, `worker.${unique()}@example.com`, 'work-pass-1', { first_name: 'Wo', last_name: 'Rker' });
  outsider = await activeUser(id, `outsider.${unique()}@example.com`);
  // The participant's first security admin (in production: the approved registrant).
  await id.db.query(`INSERT INTO identity.memberships (user_id, participant_id, roles) VALUES ($1, $2, '{security_admin,user}')`, [boss.userId, participant.id]);
  boss = await signIn(id, { email: boss.userId.split(':').pop(), password: 'boss-pass-1' });
});

afterAll(async () => {
  await id?.stop();
  await billing?.stop();
  await stripe?.stop();
  await billingDb?.close();
});

const roles = (userId: string, participantId: string) =>
  id.db.query('SELECT roles FROM identity.memberships WHERE user_id = $1 AND participant_id = $2', [userId, participantId]).then((r) => r.rows[0]?.roles ?? null);

describe('identity: nominate / denominate', () => {
  it('lets a security_admin of the participant nominate, with the doc shape', async () => {
    expect(boss.session.currentParticipant).toBe(participant.id);
    const answer = await id.call(IdentityPattern.MembershipNominate,
      { body: { id: worker.userId, current_participant: participant.id, role: ['product_line', 'supply_chain'] } }, boss.session);
    expect(answer).toEqual({ id: participant.id, name: participant.name, roles: ['product_line', 'supply_chain'] });
    expect(await roles(worker.userId, participant.id)).toEqual(['product_line', 'supply_chain']);
  });

  it('refuses anyone else with 403 and changes nothing', async () => {
    const body = { id: outsider.userId, current_participant: participant.id, role: ['security_admin'] };
    expect(await id.fail(IdentityPattern.MembershipNominate, { body }, outsider.session)).toMatchObject({ kind: 'forbidden' });
    // A member without security_admin is refused too, even with a forged session claiming the role.
    const worker2 = await signIn(id, { email: worker.userId.split(':').pop(), password: 'work-pass-1' });
    const forged = { ...worker2.session, roles: ['security_admin'] };
    expect(await id.fail(IdentityPattern.MembershipNominate, { body }, forged)).toMatchObject({ kind: 'forbidden' });
    expect(await roles(outsider.userId, participant.id)).toBeNull();
  });

  it('updates the live sessions of the user in that participant only', async () => {
    const inside = await signIn(id, { email: worker.userId.split(':').pop(), password: 'work-pass-1' });
    expect(inside.session.currentParticipant).toBe(participant.id);
    await id.call(IdentityPattern.MembershipNominate, { body: { id: worker.userId, current_participant: participant.id, role: ['newsline'] } }, boss.session);
    expect((await id.tickets.lookup(inside.ticket))!.roles).toEqual(['product_line', 'supply_chain', 'newsline']);
    // The outsider's consumer session is not touched by someone else's nomination.
    expect((await id.tickets.lookup(outsider.ticket))!.roles).toEqual(['user']);
  });

  it('denominates roles, then the whole membership with an empty answer', async () => {
    const live = await signIn(id, { email: worker.userId.split(':').pop(), password: 'work-pass-1' });
    const partial = await id.call(IdentityPattern.MembershipDenominate,
      { body: { id: worker.userId, current_participant: participant.id, role: ['supply_chain'] } }, boss.session);
    expect(partial).toEqual({ id: participant.id, name: participant.name, roles: ['product_line', 'newsline'] });
    expect((await id.tickets.lookup(live.ticket))!.roles).toEqual(['product_line', 'newsline']);
    const all = await id.call(IdentityPattern.MembershipDenominate,
      { body: { id: worker.userId, current_participant: participant.id, role: ['product_line', 'newsline'] } }, boss.session);
    expect(all).toEqual({});
    expect(await roles(worker.userId, participant.id)).toBeNull();
    expect(await id.tickets.lookup(live.ticket)).toMatchObject({ currentParticipant: '', roles: ['user'] });
  });

  it('rejects bad input with 400 and unknown users with 404', async () => {
    const base = { id: worker.userId, current_participant: participant.id, role: ['product_line'] };
    for (const body of [{ ...base, role: ['emperor'] }, { ...base, role: 'product_line' }, { ...base, id: 'bob' }, { ...base, current_participant: 5 }, { ...base, extra: true }]) {
      expect(await id.fail(IdentityPattern.MembershipNominate, { body }, boss.session)).toMatchObject({ kind: 'invalid_input' });
    }
    expect(await id.fail(IdentityPattern.MembershipNominate, { body: { ...base, id: 'urn:authenticateit:user:email:ghost@x.test' } }, boss.session))
      .toMatchObject({ kind: 'not_found' });
    expect(await id.fail(IdentityPattern.MembershipNominate, { body: base })).toMatchObject({ kind: 'unauthenticated' });
  });
});

describe('identity: participant team and deletion', () => {
  it('answers the team for billing\'s participant profile', async () => {
    await id.call(IdentityPattern.MembershipNominate, { body: { id: worker.userId, current_participant: participant.id, role: ['product_line'] } }, boss.session);
    const asBilling = new RedisStreamsClient({ url: process.env.TEST_REDIS_URL!, service: 'identity', caller: 'participants-billing', timeoutMs: 10_000 });
    const team = await firstValueFrom(asBilling.send<TeamMemberView[]>(IdentityPattern.ParticipantTeam, { participantId: participant.id }));
    await asBilling.close();
    expect(team).toEqual([
      { access_type: 'Admin', email: boss.userId.split(':').pop(), first_name: 'Bo', id: boss.userId, last_name: 'Ss', ts: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) },
      { access_type: 'User', email: worker.userId.split(':').pop(), first_name: 'Wo', id: worker.userId, last_name: 'Rker', ts: expect.any(String) },
    ]);
    const profile = await billing.http(BillingPattern.ParticipantGet, { params: { id: participant.id } });
    expect(profile.team.map((t: TeamMemberView) => t.id)).toEqual([boss.userId, worker.userId]);
  });

  it('removes memberships on participant.deleted and acknowledges to billing', async () => {
    const live = await signIn(id, { email: boss.userId.split(':').pop(), password: 'boss-pass-1' });
    const started = await billing.http(BillingPattern.ParticipantDelete, { params: { id: participant.id } });
    const requestId = started.body.request_id as string;
    let status: DeletionStatusView | undefined;
    for (let i = 0; i < 100; i++) {
      status = await billing.call<DeletionStatusView>(BillingPattern.ParticipantDeletionStatus, { requestId });
      if (status.acknowledged.includes('identity')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status!.acknowledged).toContain('identity');
    expect(await id.count('SELECT count(*) FROM identity.memberships WHERE participant_id = $1', [participant.id])).toBe(0);
    expect(await id.tickets.lookup(live.ticket)).toMatchObject({ currentParticipant: '', roles: ['user'] });
    // Delivered again: still fine, acknowledged once.
    await billing.emit(Events.ParticipantDeleted, { participantId: participant.id, requestId });
    await new Promise((r) => setTimeout(r, 500));
    const again = await billing.call<DeletionStatusView>(BillingPattern.ParticipantDeletionStatus, { requestId });
    expect(again.acknowledged.filter((s) => s === 'identity')).toHaveLength(1);
    expect(id.logs()).not.toMatch(/"level":"error"/);
  });
});
