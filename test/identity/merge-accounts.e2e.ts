import { jest } from '@jest/globals';
import { type IdentityHarness, startIdentity } from './identity-process.js';
import { activeUser, signIn, type SignedIn, unique } from './blocks-support.js';
import { type OAuthStandins, startOAuthStandins } from './oauth-support.js';
import { Events, IdentityPattern } from '#libs/contracts';
import { type EventTap, tapEvents } from '../support/event-tap.js';

jest.setTimeout(60_000);

let id: IdentityHarness;
let standins: OAuthStandins;
let tap: EventTap;
beforeAll(async () => {
  tap = await tapEvents(process.env.TEST_REDIS_URL!, [Events.UserMerged]);
  standins = await startOAuthStandins();
  id = await startIdentity(standins.env);
});
afterAll(async () => { await tap?.stop(); await id?.stop(); await standins?.stop(); });

/** Signs in with facebook through the stand-in; returns the session like signIn. */
async function facebookUser(profile: Record<string, unknown>): Promise<SignedIn & { merged_user: boolean }> {
  const token = `fb-${unique()}`;
  await standins.register('facebook', token, profile);
  const answer = await id.call<{ id: string; ticket: string; merged_user: boolean }>(IdentityPattern.AccountOauth, { body: { service: 'facebook', access_token: token } });
  return { userId: answer.id, ticket: answer.ticket, session: (await id.tickets.lookup(answer.ticket))!, merged_user: answer.merged_user };
}

async function mergedEvents(secondaryUserId: string): Promise<Record<string, unknown>[]> {
  return (await tap.events(Events.UserMerged)).map((e) => e.data).filter((d) => d.secondaryUserId === secondaryUserId);
}

describe('identity: merge accounts', () => {
  const email = `primary.${unique()}@example.com`;
  const password = 'primary-pass-1';
  const fbId = `42${Date.now()}`;
  let primary: SignedIn;
  let secondary: SignedIn;

  beforeAll(async () => {
    primary = await activeUser(id, email, password, { first_name: 'Prim' });
    const token = `fb-${fbId}`;
    await standins.register('facebook', token, { id: fbId, name: 'Second Person', gender: 'female', birthday: '02/03/1991' });
    const answer = await id.call<{ ticket: string; id: string }>(IdentityPattern.AccountOauth, { body: { service: 'facebook', access_token: token } });
    secondary = { userId: answer.id, ticket: answer.ticket, session: (await id.tickets.lookup(answer.ticket))! };
    await id.db.query(`INSERT INTO identity.memberships (user_id, participant_id, roles) VALUES ($1, 'urn:authenticateit:participant:777', '{newsline}')`, [secondary.userId]);
  });

  it('merges the secondary into the caller: no body, profile gaps filled, memberships moved, event emitted', async () => {
    const answer = await id.call(IdentityPattern.MergeCreate, { body: { secondary_ticket: secondary.ticket } }, primary.session);
    expect(answer).toMatchObject({ $http: true, status: 204 });
    const row = (await id.db.query('SELECT first_name, last_name, gender, birthdate FROM identity.users WHERE id = $1', [primary.userId])).rows[0];
    expect(row).toEqual({ first_name: 'Prim', last_name: 'Person', gender: 'female', birthdate: '1991-02-03' });
    expect(await id.count(`SELECT count(*) FROM identity.memberships WHERE user_id = $1 AND participant_id = 'urn:authenticateit:participant:777'`, [primary.userId])).toBe(1);
    expect(await id.count('SELECT count(*) FROM identity.memberships WHERE user_id = $1', [secondary.userId])).toBe(0);
    expect(await mergedEvents(secondary.userId)).toEqual([{ primaryUserId: primary.userId, secondaryUserId: secondary.userId }]);
  });

  it('ends the secondary\'s sessions; its sign-in yields the primary\'s session with merged_user: true', async () => {
    expect(await id.tickets.lookup(secondary.ticket)).toBeNull();
    const again = await id.call<{ id: string; merged_user: boolean; new_user: boolean; ticket: string }>(IdentityPattern.AccountOauth,
      { body: { service: 'facebook', access_token: `fb-${fbId}` } });
    expect(again).toMatchObject({ id: primary.userId, merged_user: true, new_user: false });
    expect((await id.tickets.lookup(again.ticket))!.userId).toBe(primary.userId);
  });

  it('lists merged accounts for the primary', async () => {
    expect(await id.call(IdentityPattern.MergeList, {}, primary.session)).toEqual({ users: [{ id: secondary.userId, reg_type: 'facebook' }] });
    const fresh = await activeUser(id, `lonely.${unique()}@example.com`);
    expect(await id.call(IdentityPattern.MergeList, {}, fresh.session)).toEqual({ users: [] });
  });

  it('password sign-in of a merged email account opens the primary (facebook) session', async () => {
    const fbPrimary = await facebookUser({ id: `43${Date.now()}`, name: 'Face Primary' });
    const secEmail = `secondary.${unique()}@example.com`;
    const sec = await activeUser(id, secEmail, 'second-pass-1');
    await id.call(IdentityPattern.MergeCreate, { body: { secondary_ticket: sec.ticket } }, fbPrimary.session);
    const answer = await id.call<{ id: string; merged_user: boolean }>(IdentityPattern.SessionCreate, { body: { email: secEmail, password: 'second-pass-1' } });
    expect(answer).toMatchObject({ id: fbPrimary.userId, merged_user: true });
  });

  it('refuses same reg_type, self merge, a merged-away account, bad tickets and anonymous callers', async () => {
    const other = await activeUser(id, `other.${unique()}@example.com`);
    expect(await id.fail(IdentityPattern.MergeCreate, { body: { secondary_ticket: other.ticket } }, primary.session))
      .toMatchObject({ kind: 'conflict', message: 'Only accounts with different registration types may be merged' });
    expect(await id.tickets.lookup(other.ticket)).not.toBeNull();
    // The primary already has a facebook account merged in: a second facebook account is refused too.
    const fb2 = await facebookUser({ id: `44${Date.now()}`, name: 'Another Face' });
    expect(await id.fail(IdentityPattern.MergeCreate, { body: { secondary_ticket: fb2.ticket } }, primary.session)).toMatchObject({ kind: 'conflict' });
    const self = await signIn(id, { email, password });
    expect(await id.fail(IdentityPattern.MergeCreate, { body: { secondary_ticket: self.ticket } }, primary.session)).toMatchObject({ kind: 'conflict' });
    expect(await id.fail(IdentityPattern.MergeCreate, { body: { secondary_ticket: '00000000-0000-4000-8000-000000000000' } }, primary.session)).toMatchObject({ kind: 'invalid_input' });
    expect(await id.fail(IdentityPattern.MergeCreate, { body: { secondary_ticket: 'nope' } }, primary.session)).toMatchObject({ kind: 'invalid_input' });
    expect(await id.fail(IdentityPattern.MergeCreate, { body: {} }, primary.session)).toMatchObject({ kind: 'invalid_input' });
    expect(await id.fail(IdentityPattern.MergeCreate, { body: { secondary_ticket: other.ticket } })).toMatchObject({ kind: 'unauthenticated' });
    expect(await id.count('SELECT count(*) FROM identity.merged_accounts WHERE primary_user_id = $1', [primary.userId])).toBe(1);
  });
});
