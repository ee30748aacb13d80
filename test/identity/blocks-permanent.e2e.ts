import { jest } from '@jest/globals';
import { type IdentityHarness, startIdentity } from './identity-process.js';
import { activeUser, signIn, signInAdmin, type SignedIn, unique } from './blocks-support.js';
import { IdentityPattern } from '#libs/contracts';

jest.setTimeout(60_000);

let id: IdentityHarness;
let admin: SignedIn;
beforeAll(async () => { id = await startIdentity(); admin = await signInAdmin(id); });
afterAll(async () => { await id?.stop(); });

describe('identity: permanent blocks (sys-admin)', () => {
  const email = `blocked.${unique()}@example.com`;
  const password = 'block-me-1';
  let user: SignedIn;
  let second: SignedIn;

  beforeAll(async () => {
    user = await activeUser(id, email, password);
    second = await signIn(id, { email, password });
  });

  it('reads the status in the doc shape', async () => {
    const status = await id.call(IdentityPattern.BlockGet, { body: { id: user.userId } }, admin.session);
    expect(status).toEqual({ id: `${user.userId}@permanently_block_status`, status: false });
  });

  it('blocks: every session ends and sign-in is refused', async () => {
    expect(await id.tickets.lookup(user.ticket)).not.toBeNull();
    const set = await id.call(IdentityPattern.BlockSet, { body: { id: user.userId } }, admin.session);
    expect(set).toEqual({ id: `${user.userId}@permanently_block_status`, status: true });
    expect(await id.tickets.lookup(user.ticket)).toBeNull();
    expect(await id.tickets.lookup(second.ticket)).toBeNull();
    expect(await id.fail(IdentityPattern.SessionCreate, { body: { email, password } })).toMatchObject({ kind: 'forbidden', message: 'User is blocked' });
    expect(await id.call(IdentityPattern.BlockGet, { body: { id: user.userId } }, admin.session)).toMatchObject({ status: true });
    expect(await id.count('SELECT count(*) FROM identity.users WHERE id = $1 AND blocked_at IS NOT NULL', [user.userId])).toBe(1);
  });

  it('unblocks: sign-in works again', async () => {
    const unset = await id.call(IdentityPattern.BlockUnset, { body: { id: user.userId } }, admin.session);
    expect(unset).toEqual({ id: `${user.userId}@permanently_block_status`, status: false });
    const again = await signIn(id, { email, password });
    expect(again.userId).toBe(user.userId);
  });

  it('refuses callers that are not sys-admins and changes nothing', async () => {
    const other = await signIn(id, { email, password });
    const error = await id.fail(IdentityPattern.BlockSet, { body: { id: user.userId } }, other.session);
    expect(error).toMatchObject({ kind: 'forbidden' });
    expect(await id.fail(IdentityPattern.BlockSet, { body: { id: user.userId } })).toMatchObject({ kind: 'unauthenticated' });
    expect(await id.tickets.lookup(other.ticket)).not.toBeNull();
  });

  it('answers 404 for an unknown user and 400 for bad input', async () => {
    expect(await id.fail(IdentityPattern.BlockSet, { body: { id: 'urn:authenticateit:user:email:nobody@nowhere.test' } }, admin.session))
      .toMatchObject({ kind: 'not_found', message: 'User not found' });
    expect(await id.fail(IdentityPattern.BlockGet, { body: { id: 42 } }, admin.session)).toMatchObject({ kind: 'invalid_input' });
    expect(await id.fail(IdentityPattern.BlockGet, { body: { id: user.userId, extra: 1 } }, admin.session)).toMatchObject({ kind: 'invalid_input' });
    expect(await id.fail(IdentityPattern.BlockGet, { body: {} }, admin.session)).toMatchObject({ kind: 'invalid_input' });
  });
});

describe('identity: user notification settings (sys-admin)', () => {
  it('answers the doc shape with defaults for a new user', async () => {
    const user = await activeUser(id, `settings.${unique()}@example.com`);
    const answer = await id.call(IdentityPattern.UserNotificationSettings, { body: { id: user.userId } }, admin.session);
    expect(answer).toEqual({
      brands: [],
      settings: { notify_on_buddies: true, notify_on_reviews: true, notify_on_rewards: true, remind_to_scan: true, reminders_notifications: true },
    });
    expect(await id.fail(IdentityPattern.UserNotificationSettings, { body: { id: user.userId } }, user.session)).toMatchObject({ kind: 'forbidden' });
    expect(await id.fail(IdentityPattern.UserNotificationSettings, { body: { id: 'urn:authenticateit:user:email:x@y.z' } }, admin.session)).toMatchObject({ kind: 'not_found' });
  });
});
