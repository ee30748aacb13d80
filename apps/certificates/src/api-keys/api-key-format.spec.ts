import { generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key-format.js';

describe('API key format', () => {
  it('generates distinct well-formed keys whose hash is all that is kept', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).not.toBe(b.key);
    expect(isWellFormedApiKey(a.key)).toBe(true);
    expect(a.key.startsWith(a.keyPrefix)).toBe(true);
    expect(a.keyHash).toBe(hashApiKey(a.key));
    expect(a.keyHash).toMatch(/^[0-9a-f]{64}$/);
  });
  it('rejects anything else without a lookup', () => {
    for (const key of ['', 'pck_short', `xyz_${'a'.repeat(43)}`, 42, null]) expect(isWellFormedApiKey(key)).toBe(false);
  });
});
