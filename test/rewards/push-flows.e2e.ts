// Reminders and timeline messages reach phones: rewards records the push in its outbox and emits
// push.requested; identity delivers it to the user's devices through the FCM, APNs and Baidu
// stand-ins. Real rewards and identity processes.
import { Events, IdentityPattern, RewardsPattern } from '#libs/contracts';
import { emailUser, type SignedIn, unique } from '../identity/accounts-fixtures.js';
import { type IdentityHarness, startIdentity } from '../identity/identity-process.js';
import { APNS_TOPIC, type PushStandins, startPushStandins } from '../support/push-standins.js';
import { eventually, type RewardsHarness, startRewards, systemSession } from './rewards-process.js';

let id: IdentityHarness;
let r: RewardsHarness;
let push: PushStandins;
const admin = () => ({ session: systemSession() });

beforeAll(async () => {
  push = await startPushStandins();
  id = await startIdentity({ ...push.env, PUSH_BACKOFF_MS: '100' });
  r = await startRewards({ PUSH_TITLE: 'Rewards' });
}, 120_000);
afterAll(async () => {
  await r?.stop();
  await id?.stop();
  push?.stop();
});

/** A user known to identity (with one device of each type) and to rewards. */
async function userWithDevices(): Promise<{ user: SignedIn; gcm: string; apns: string; sandbox: string; channel: string }> {
  const user = await emailUser(id, `flow.${unique()}@rewards.test`, 'secret-12');
  await r.emit(Events.UserProfile, { userId: user.userId, registeredAt: new Date().toISOString() });
  await eventually(async () => expect(await r.count('SELECT count(*) FROM rewards.users WHERE user_id = $1', [user.userId])).toBe(1));
  const tokens = { gcm: `gcm-${unique()}`, apns: `apns-${unique()}`, sandbox: `sandbox-${unique()}`, channel: `channel-${unique()}` };
  await id.call(IdentityPattern.DeviceSet, { body: { id: tokens.gcm, type: 'gcm' } }, user.session);
  await id.call(IdentityPattern.DeviceSet, { body: { id: tokens.apns, type: 'apns' } }, user.session);
  await id.call(IdentityPattern.DeviceSet, { body: { id: tokens.sandbox, type: 'apns_sandbox' } }, user.session);
  await id.call(IdentityPattern.DeviceSet, { body: { id: `baidu-${unique()}`, type: 'baidu', channel: tokens.channel } }, user.session);
  return { user, ...tokens };
}

async function expectDelivered(d: Awaited<ReturnType<typeof userWithDevices>>, title: string, body: string, payload: Record<string, string>) {
  await eventually(async () => {
    expect((await push.fcm.received()).received.filter((m) => m.token === d.gcm)).toEqual([{ token: d.gcm, project: 'rewards-test', notification: { title, body }, data: payload }]);
    const apns = (await push.apns.received()).received.filter((m) => m.token === d.apns || m.token === d.sandbox);
    expect(apns.map((m) => [m.environment, m.token, m.topic, m.payload])).toEqual(expect.arrayContaining([
      ['production', d.apns, APNS_TOPIC, { aps: { alert: { title, body }, sound: 'default' }, ...payload }],
      ['sandbox', d.sandbox, APNS_TOPIC, { aps: { alert: { title, body }, sound: 'default' }, ...payload }],
    ]));
    expect(apns).toHaveLength(2);
    expect((await push.baidu.received()).received.filter((m) => m.channel_id === d.channel).map((m) => m.msg))
      .toEqual([{ title, description: body, notification_basic_style: 7, custom_content: payload }]);
  }, 15_000);
}

describe('push flows from rewards to phones', () => {
  it('a timeline message with push_message reaches every device of the user, and the outbox row is marked sent', async () => {
    const d = await userWithDevices();
    await r.call(RewardsPattern.TimelineMessage, { body: { id: d.user.userId, message: 'hello', type: 'notification', push_message: 'You have 5 new coins' } }, admin());
    await expectDelivered(d, 'Rewards', 'You have 5 new coins', { type: 'timeline', message_type: 'notification' });
    const rows = (await r.db.query(`SELECT payload, sent_at FROM rewards.outbox WHERE user_id = $1`, [d.user.userId])).rows;
    expect(rows).toEqual([{ payload: expect.objectContaining({ message: 'You have 5 new coins', title: 'Rewards', body: 'You have 5 new coins' }), sent_at: expect.any(Date) }]);
  });

  it('a timeline message without push_message sends nothing', async () => {
    const d = await userWithDevices();
    await r.call(RewardsPattern.TimelineMessage, { body: { id: d.user.userId, message: 'quiet', type: 'notification' } }, admin());
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await push.fcm.received()).received.filter((m) => m.token === d.gcm)).toEqual([]);
    expect(await r.count('SELECT count(*) FROM rewards.outbox WHERE user_id = $1', [d.user.userId])).toBe(0);
  });

  it('a due reminder reaches every device once, however often the job runs', async () => {
    const d = await userWithDevices();
    await r.call(RewardsPattern.JobRun, { body: { job: 'reminders' } }, admin());
    await r.call(RewardsPattern.JobRun, { body: { job: 'reminders' } }, admin());
    await expectDelivered(d, 'Rewards', 'Welcome! Scan a product barcode to earn your first coins.',
      { type: 'reminder', reminder: 'welcome_message', template: 'users_reminders/welcome_message' });
  });

  it('a dead device found on the way (APNs 410, FCM UNREGISTERED) is removed from the user', async () => {
    const d = await userWithDevices();
    await push.apns.script(d.apns, [{ status: 410 }]);
    await push.fcm.script(d.gcm, [{ status: 404 }]);
    await r.call(RewardsPattern.TimelineMessage, { body: { id: d.user.userId, message: 'hi', type: 'notification', push_message: 'Still there?' } }, admin());
    await eventually(async () => {
      const left = (await id.db.query('SELECT type FROM identity.devices WHERE user_id = $1 ORDER BY type', [d.user.userId])).rows.map((x) => x.type);
      expect(left).toEqual(['apns_sandbox', 'baidu']);
    }, 15_000);
  });

  it('a push recorded but never handed over (rewards stopped before emitting) is sent by the relay', async () => {
    const d = await userWithDevices();
    await r.db.query(`INSERT INTO rewards.outbox (channel, user_id, payload, created_at) VALUES ('push', $1, $2, now() - interval '2 minutes')`,
      [d.user.userId, JSON.stringify({ message: 'late', title: 'Rewards', body: 'late', data: { type: 'timeline', message_type: 'coins' } })]);
    const relayed = await r.call<{ relayed: number }>(RewardsPattern.JobRun, { body: { job: 'push-relay' } }, admin());
    expect(relayed.relayed).toBeGreaterThanOrEqual(1);
    await expectDelivered(d, 'Rewards', 'late', { type: 'timeline', message_type: 'coins' });
    const again = await r.call<{ relayed: number }>(RewardsPattern.JobRun, { body: { job: 'push-relay' } }, admin());
    expect(again.relayed).toBe(0);
  });
});
