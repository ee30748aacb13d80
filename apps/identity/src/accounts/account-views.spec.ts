import { createdView, displayName, profileView } from './account-views.js';
import { normalizeEmail, userUrn } from './user-id.js';
import type { UserEntity } from './user.entity.js';

const user = (patch: Partial<UserEntity>): UserEntity => ({
  id: 'urn:authenticateit:user:email:foo@bar.com', regType: 'email', email: 'foo@bar.com', phone: null, passwordHash: 'x',
  firstName: null, lastName: null, gender: null, birthdate: null, photo: null, country: null, language: null,
  city: null, postCode: null, address1: null, address2: null, jobTitle: null, phoneVerified: false, timezoneMin: null, activatedAt: null, blockedAt: null,
  createdAt: new Date(), updatedAt: new Date(), ...patch,
});

describe('account views', () => {
  it('prints only fields with a value, with doc names, never the password hash', () => {
    const view = profileView(user({ firstName: 'First Name', postCode: '3004', jobTitle: 'Manager', address2: '' }));
    expect(view).toEqual({ email: 'foo@bar.com', first_name: 'First Name', post_code: '3004', job_title: 'Manager' });
    expect(JSON.stringify(view)).not.toContain('password');
  });

  it('puts the id first on creation', () => {
    expect(Object.keys(createdView(user({ lastName: 'L' })))).toEqual(['id', 'email', 'last_name']);
  });

  it('names the session after the first name, else the login', () => {
    expect(displayName(user({ firstName: 'Punch', lastName: 'Rat' }))).toBe('Punch');
    expect(displayName(user({}))).toBe('foo@bar.com');
  });

  it('builds user urns as the docs do', () => {
    expect(userUrn('email', normalizeEmail(' Foo@Bar.COM '))).toBe('urn:authenticateit:user:email:foo@bar.com');
    expect(userUrn('phone', '+79280369254')).toBe('urn:authenticateit:user:phonenum:+79280369254');
  });
});
