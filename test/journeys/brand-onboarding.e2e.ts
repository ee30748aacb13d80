// A brand comes on board, by both documented paths, through the moderator's decision: team,
// context switch, plans, fees, deposit, API key, payment certificates, and the participant's
// deletion with what remains afterwards.
import { jest } from '@jest/globals';
import { BillingPattern } from '#libs/contracts';
import { type RunningSystem } from '../support/system.js';
import { sharedSystem } from '../support/shared-system.js';
import { activeUser, signIn, signInSystemAdmin, type SignedIn, SYSTEM_PARTICIPANT } from '../support/trust-callers.js';
import { caller, eventually, internalCaller, mailsTo, moderatorLinks, uniquePrefix } from './journey-support.js';

jest.setTimeout(120_000);

let sys: RunningSystem;
let call: ReturnType<typeof caller>;
let internal: ReturnType<typeof internalCaller>;
let admin: SignedIn;

beforeAll(async () => {
  sys = await sharedSystem();
  call = caller(sys);
  internal = internalCaller(sys);
  admin = await signInSystemAdmin(sys);
}, 180_000);
afterAll(async () => { await internal?.close(); await sys?.stop(); });

const registration = (prefix: string, name = `Journey Brand ${prefix}`) => ({
  country: '036', company_prefix: prefix, participant_type: 'product360', name, brand_name: ['Brand_1', 'Brand_2'], pending_plan: 'complete', gs1_activation_code: 'code',
});

describe('POST /account/participant: request, moderator, approval', () => {
  let owner: SignedIn;
  let participantId: string;
  const prefix = uniquePrefix();

  it('records the request (the doc\'s answer) and mails the moderator approve and reject links', async () => {
    owner = await activeUser(sys, 'brand-owner');
    const answer = await call('POST', '/identity-service/account/participant', { ticket: owner.ticket, body: registration(prefix) });
    expect(answer.body).toMatchObject({
      billing: { trial: { status: true } }, brand_name: ['Brand_1', 'Brand_2'], company_prefix: prefix, country: '036',
      gs1_activation_code: 'code', participant_type: 'product360', pending_plan: 'complete', user_id: owner.userId,
    });
    expect(answer.body.ip).toEqual(expect.any(String));
    const links = await eventually(async () => moderatorLinks(sys, owner.userId));
    expect(links.mail).toContain(`company_prefix: ${prefix}`);
  });

  it('lets a system user read the decision code by the user id, as the brand-unlock flow does', async () => {
    const code = await call('POST', '/identity-service/account/pending_participant/get_code', { ticket: admin.ticket, body: { id: owner.userId } });
    expect(moderatorLinks(sys, owner.userId).approve).toContain(code.body.code);
  });

  it('approval creates the participant from the billing request and makes the owner its security admin', async () => {
    await call('GET', moderatorLinks(sys, owner.userId).approve);
    const again = await signIn(sys, owner.email, owner.password);
    expect(again.currentParticipant).not.toBe(SYSTEM_PARTICIPANT);
    expect(again.currentParticipant).toMatch(/^urn:authenticateit:participant:\d+$/);
    expect(again.roles).toContain('security_admin');
    participantId = again.currentParticipant;
    owner = again;
    const profile = await call('GET', `/identity-service/participants/participant/${participantId}`, { ticket: admin.ticket });
    expect(profile.body).toMatchObject({ id: participantId, name: `Journey Brand ${prefix}`, country: '036' });
    expect(profile.body.team).toEqual([expect.objectContaining({ id: owner.userId })]);
    // The approval was billing's request, now approved: a second approval of it is refused there.
    expect(await internal.fail('participants-billing', BillingPattern.RegistrationApprove, { userId: owner.userId })).toMatchObject({ kind: 'not_found' });
    // A second click on the link changes nothing.
    await call('GET', moderatorLinks(sys, owner.userId).approve);
    const list = await call('POST', '/identity-service/participants', { ticket: admin.ticket, body: { name: `Journey Brand ${prefix}` } });
    expect(list.body).toMatchObject({ count: 1, data: [expect.objectContaining({ name: `Journey Brand ${prefix}` })] });
  });

  it('team: the owner nominates a colleague, who switches into the participant', async () => {
    const colleague = await activeUser(sys, 'brand-colleague');
    await call('POST', '/identity-service/nominate', { ticket: owner.ticket, body: { id: colleague.userId, current_participant: participantId, role: ['product_line', 'user'] } });
    const switched = await call('POST', '/identity-service/session/switch-context', { ticket: colleague.ticket, body: { new_participant: participantId } });
    expect(switched.body.current_participant).toBe(participantId);
    const profile = await call('GET', `/identity-service/participants/participant/${participantId}`, { ticket: admin.ticket });
    expect(profile.body.team.map((m: { id: string }) => m.id).sort()).toEqual([owner.userId, colleague.userId].sort());
  });

  it('plans, fees and deposit', async () => {
    const paid = await call('PUT', `/identity-service/participants/participant/${participantId}/payment`, { ticket: admin.ticket, body: { from_date: '2026-01-01', to_date: '2026-12-31' } });
    expect(paid.body).toMatchObject({ paid_from: '2026-01-01', paid_to: '2026-12-31', plan: 'complete' });
    await call('PUT', `/identity-service/participants/participant/${participantId}/payment/trial`, { ticket: admin.ticket, body: { to_date: '2027-01-31' } });
    await call('PUT', `/identity-service/participants/participant/${participantId}/deposit/fee`, { ticket: admin.ticket, body: { type: 'percentages', value: 10, status: 'active', source: 'balance' } });
    await internal.send('participants-billing', BillingPattern.DepositCredit, { participantId, amount: '1000000000000000000000', idempotencyKey: `credit-${prefix}` });
    const deposit = await call('GET', `/identity-service/participants/participant/${participantId}/deposit`, { ticket: admin.ticket });
    expect(deposit.body).toMatchObject({ coins: '1000000000000000000000', fee: { type: 'percentages', status: 'active', source: 'balance' } });
  });

  it('API key and payment certificates; the participant\'s deletion removes them and its team', async () => {
    const key = (await call('POST', '/certificates/api-keys', { ticket: admin.ticket, body: { participant_id: participantId, name: 'journey' }, expect: [200, 201] })).body.key as string;
    const created = await call('POST', '/external/payment-certificate/bulk-create', { apiKey: key, body: [{ code: `J-${prefix}-1`, value: 10 }, { code: `J-${prefix}-2`, value: 20 }] });
    expect(created.body).toHaveLength(2);
    expect((await call('GET', '/external/payment-certificate', { apiKey: key })).body).toHaveLength(2);

    const deletion = await call('DELETE', `/identity-service/participants/participant/${participantId}`, { ticket: admin.ticket, expect: [200, 202] });
    const requestId = deletion.body.request_id;
    await eventually(async () => {
      const status = await internal.send('participants-billing', BillingPattern.ParticipantDeletionStatus, { requestId });
      expect(status).toMatchObject({ status: 'done', acknowledged: ['certificates', 'identity', 'rewards'] });
    }, 30_000);
    expect((await call('GET', '/external/payment-certificate', { apiKey: key, expect: 401 })).status).toBe(401);
    await call('GET', `/identity-service/participants/participant/${participantId}`, { ticket: admin.ticket, expect: 404 });
    const owners = await signIn(sys, owner.email, owner.password);
    expect(owners.currentParticipant).not.toBe(participantId);
    await call('POST', '/identity-service/session/switch-context', { ticket: owners.ticket, body: { new_participant: participantId }, expect: [403, 404] });
  });
});

describe('POST /account/participant: rejection', () => {
  it('the reject link rejects billing\'s request and mails the user the reason-less rejection', async () => {
    const user = await activeUser(sys, 'brand-rejected');
    await call('POST', '/identity-service/account/participant', { ticket: user.ticket, body: registration(uniquePrefix()) });
    const links = await eventually(async () => moderatorLinks(sys, user.userId));
    await call('GET', links.reject);
    expect(mailsTo(sys, user.email).some((m) => m.includes('was not approved'))).toBe(true);
    expect(await internal.fail('participants-billing', BillingPattern.RegistrationApprove, { userId: user.userId })).toMatchObject({ kind: 'not_found' });
    await call('GET', links.approve, { expect: 409 });
  });

  it('refuses names with line breaks (they would forge lines of the moderator mail), writing nothing', async () => {
    const user = await activeUser(sys, 'brand-forger');
    const forged = await call('POST', '/identity-service/account/participant', {
      ticket: user.ticket, body: registration(uniquePrefix(), 'Nice Brand\nApprove: https://evil.example/approve'), expect: 400,
    });
    expect(forged.body.error).toBeDefined();
    await call('PUT', '/identity-service/account/pending_participant', {
      ticket: user.ticket, body: { pending_participant: { company_prefix: uniquePrefix(), name: 'Brand\r\nUser: someone-else', participant_type: 'product360' }, country: '036' }, expect: 400,
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(sys, 'moderator@example.com').some((m) => m.includes(user.userId))).toBe(false);
  });
});

describe('PUT /account/pending_participant: brand unlock through the moderator', () => {
  it('approval creates the participant and the registrant administers it', async () => {
    const user = await activeUser(sys, 'brand-unlock');
    const prefix = uniquePrefix();
    const answer = await call('PUT', '/identity-service/account/pending_participant', {
      ticket: user.ticket, body: { pending_plan: 'complete', country: '036', pending_participant: { company_prefix: prefix, name: `Unlock ${prefix}`, brand_name: 'Unlock', participant_type: 'product360' } },
    });
    expect(answer.body.pending_participant).toMatchObject({ company_prefix: prefix, status: 'submitted' });
    await call('GET', moderatorLinks(sys, user.userId).approve);
    const again = await signIn(sys, user.email, user.password);
    expect(again.roles).toContain('security_admin');
    const profile = await call('GET', `/identity-service/participants/participant/${again.currentParticipant}`, { ticket: admin.ticket });
    expect(profile.body).toMatchObject({ name: `Unlock ${prefix}`, company_prefix: [prefix] });
  });
});
