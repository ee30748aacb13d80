// GET /account with the real rewards process: coins, level_info and dashboard_info come from
// rewards (its summary, kept by identity); a user identity has no summary for while rewards is
// down gets an answer without them and a warning is logged.
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
    expect(account.coins).toBe(fromRewards.coins);
    // Doc order: profile, reviews_karma, level_info, dashboard_info, participants; then coins as in the other account answers.
    expect(Object.keys(account).slice(-5)).toEqual(['reviews_karma', 'level_info', 'dashboard_info', 'participants', 'coins']);
    expect(account).toMatchObject({ id: user.userId, reg_type: 'email', first_name: 'Lev', reviews_karma: 0, participants: [] });
  });

  it('answers from its copy when rewards is down, and without the rewards fields for a user it has no copy for', async () => {
    await rewards!.stop();
    rewards = undefined; // stop() is not idempotent
    const kept = await id.call<Record<string, unknown>>(IdentityPattern.AccountGet, {}, user.session);
    expect(kept).toMatchObject({ id: user.userId, coins: expect.stringMatching(/^\d+$/), level_info: expect.any(Object) });
    const newcomer = await emailUser(id, `level.new.${unique()}@bar.com`, 'secret-12', { first_name: 'New' });
    const started = Date.now();
    const account = await id.call<Record<string, unknown>>(IdentityPattern.AccountGet, {}, newcomer.session);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(account).not.toHaveProperty('level_info');
    expect(account).not.toHaveProperty('dashboard_info');
    expect(account).not.toHaveProperty('coins');
    expect(account).toMatchObject({ id: newcomer.userId, first_name: 'New', participants: [] });
    expect(id.logs()).toContain('rewards account summary unavailable');
  });
});
