import { REDACTED, withoutSecrets } from './without-secrets.js';

describe('withoutSecrets', () => {
  it('redacts credential and card fields at any depth, keeps the rest', () => {
    const input = {
      name: 'ci', key_prefix: 'pck_abc123', roles: ['user'], participant_id: 'urn:authenticateit:participant:5',
      key: 'pck_secret', key_hash: 'ab', password: 'p', passwordHash: 'h', ticket: 't', code: '1234', activation_code: 'x',
      nested: { card: { number: '4242' }, reset_token: 'r', list: [{ api_key: 'k', cvc: '123', brand: 'visa' }] },
      at: new Date(0), none: null,
    };
    expect(withoutSecrets(input)).toEqual({
      name: 'ci', key_prefix: 'pck_abc123', roles: ['user'], participant_id: 'urn:authenticateit:participant:5',
      key: REDACTED, key_hash: REDACTED, password: REDACTED, passwordHash: REDACTED, ticket: REDACTED, code: REDACTED, activation_code: REDACTED,
      nested: { card: REDACTED, reset_token: REDACTED, list: [{ api_key: REDACTED, cvc: REDACTED, brand: 'visa' }] },
      at: new Date(0), none: null,
    });
  });
});
