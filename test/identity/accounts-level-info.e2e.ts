// GET /account with the real rewards process: level_info and dashboard_info come from
// rewards.account.level-info; without rewards they are left out and a warning is logged.
import { type IdentityHarness, startIdentity } from './identity-process.js';
import { type RewardsHarness, startRewards } from '../rewards/rewards-process.js';
import { emailUser, type SignedIn, unique } from './accounts-fixtures.js';
import { IdentityPattern, RewardsPattern } from '#libs/contracts';

let id: IdentityHarness;
let rewards: RewardsHarness | undefined;
let user: SignedIn;

beforeAll(async () => {
  rewards = await startRewards();
  id = await startIdentity();
  user = await emailUser(id, `level.${unique()}@bar.com`, 'secret-12', { first_name: 'Lev' });
});
afterAll(async () => {
  await id?.stop();
  await rewards?.stop();
});

describe('identity: GET /account with rewards', () => {
  it('fills level_info and dashboard_info with what rewards answers for the user', async () => {
    const account = await id.call<Record<string, any>>(IdentityPattern.AccountGet, {}, user.session);
    const fromRewards = await rewards!.send<Record<string, unknown>>(RewardsPattern.AccountLevelInfo, { userId: user.userId });
    expect(account.level_info).toEqual(fromRewards.level_info);
    expect(account.dashboard_info).toEqual(fromRewards.dashboard_info);
    expect(account.level_info).toMatchObject({
      current_percentages: expect.any(Number), level_icon: expect.any(String), level_name: expect.any(String),
      level_type: expect.any(String), max_percentages: 100, short_description: expect.any(String),
    });
    expect(account.dashboard_info).toMatchObject({
      activities: expect.any(Array), boost: null, date_from: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      date_to: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), level: account.level_info.level_type, type: 'earned',
    });
    // Doc order: profile, reviews_karma, level_info, dashboard_info, participants.
    expect(Object.keys(account).slice(-4)).toEqual(['reviews_karma', 'level_info', 'dashboard_info', 'participants']);
    expect(account).toMatchObject({ id: user.userId, reg_type: 'email', first_name: 'Lev', reviews_karma: 0, participants: [] });
  });

  it('answers without level_info and dashboard_info, and warns, when rewards is down', async () => {
    await rewards!.stop();
    rewards = undefined; // stop() is not idempotent
    const started = Date.now();
    const account = await id.call<Record<string, unknown>>(IdentityPattern.AccountGet, {}, user.session);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(account).not.toHaveProperty('level_info');
    expect(account).not.toHaveProperty('dashboard_info');
    expect(account).toMatchObject({ id: user.userId, first_name: 'Lev', participants: [] });
    expect(id.logs()).toContain('rewards level info unavailable');
  });
});
