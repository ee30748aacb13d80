// The real rewards process on a database of its own, called as the gateway would.
import { type ServiceHarness, startServiceHarness } from '../support/service-harness.js';
import { RewardsPattern } from '#libs/contracts';

export { eventually, session, systemSession } from '../support/service-harness.js';
export type { Caller } from '../support/service-harness.js';
export type RewardsHarness = ServiceHarness;

export function startRewards(extraEnv: Record<string, string> = {}): Promise<RewardsHarness> {
  return startServiceHarness({
    service: 'rewards',
    env: { RUN_JOBS: 'false', ...extraEnv },
    ready: async (request) => { await request(RewardsPattern.AccountLevelInfo, { userId: 'urn:authenticateit:user:email:probe@x.test' }); },
  });
}
