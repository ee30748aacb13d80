import { randomBytes } from 'node:crypto';
import { CommonEnv } from './common-env.js';
import { ConfigError, loadConfig } from './load-config.js';
import { DEV_SEALING_KEYS, parseSealingKeys } from './sealing-keys.js';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('CommonEnv: transport sealing keys', () => {
  it('may be unset outside production (the development key is used)', () => {
    expect(loadConfig(CommonEnv, {}).TRANSPORT_SEALING_KEYS).toBe('');
  });

  it('is required in production, and the published development key is refused there', () => {
    expect(() => loadConfig(CommonEnv, { NODE_ENV: 'production' })).toThrow(/TRANSPORT_SEALING_KEYS.*must be set when NODE_ENV=production/);
    expect(() => loadConfig(CommonEnv, { NODE_ENV: 'production', TRANSPORT_SEALING_KEYS: DEV_SEALING_KEYS })).toThrow(/published development key/);
    expect(loadConfig(CommonEnv, { NODE_ENV: 'production', TRANSPORT_SEALING_KEYS: key('k1') }).NODE_ENV).toBe('production');
  });

  it('names a malformed list', () => {
    for (const bad of ['k1', 'k1:short', `k1:${randomBytes(16).toString('base64')}`, `${key('a')},${key('a')}`]) {
      expect(() => loadConfig(CommonEnv, { TRANSPORT_SEALING_KEYS: bad })).toThrow(ConfigError);
    }
  });

  it('keeps the order: the first key seals', () => {
    expect([...parseSealingKeys(`${key('new')},${key('old')}`).keys()]).toEqual(['new', 'old']);
  });

  it('bounds the reclaim idle time and checks cluster seeds', () => {
    expect(() => loadConfig(CommonEnv, { TRANSPORT_RECLAIM_IDLE_MS: '100' })).toThrow(/TRANSPORT_RECLAIM_IDLE_MS/);
    expect(loadConfig(CommonEnv, { REDIS_CLUSTER_NODES: '10.0.0.1:6379,redis-2:7000' }).REDIS_CLUSTER_NODES).toBe('10.0.0.1:6379,redis-2:7000');
    expect(() => loadConfig(CommonEnv, { REDIS_CLUSTER_NODES: 'redis-1' })).toThrow(/REDIS_CLUSTER_NODES/);
  });
});
