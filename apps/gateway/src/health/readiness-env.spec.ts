import { loadConfig } from '#libs/config';
import { ReadinessEnv } from './readiness-env.js';

describe('ReadinessEnv', () => {
  it('requires every service by default', () => {
    expect(loadConfig(ReadinessEnv, {}).requiredServices).toEqual(['identity', 'rewards', 'participants-billing', 'certificates']);
  });

  it('takes a narrower list or none', () => {
    expect(loadConfig(ReadinessEnv, { READY_REQUIRES_SERVICES: 'identity,certificates' }).requiredServices).toEqual(['identity', 'certificates']);
    expect(loadConfig(ReadinessEnv, { READY_REQUIRES_SERVICES: 'none' }).requiredServices).toEqual([]);
  });

  it('refuses unknown names and malformed lists', () => {
    for (const value of ['identity,billing', 'identity,', ' identity', 'none,identity']) {
      expect(() => loadConfig(ReadinessEnv, { READY_REQUIRES_SERVICES: value })).toThrow(/READY_REQUIRES_SERVICES/);
    }
  });
});
