import type { AccountCreatedView, ProfileView } from '#libs/contracts';
import type { UserEntity } from './user.entity.js';

/** Doc field name → entity property, in the order the docs print them. */
const PROFILE_FIELDS: ReadonlyArray<[keyof ProfileView, keyof UserEntity]> = [
  ['email', 'email'], ['first_name', 'firstName'], ['last_name', 'lastName'], ['phone', 'phone'],
  ['language', 'language'], ['country', 'country'], ['post_code', 'postCode'], ['city', 'city'],
  ['address1', 'address1'], ['address2', 'address2'], ['birthdate', 'birthdate'], ['gender', 'gender'],
  ['photo', 'photo'], ['job_title', 'jobTitle'],
];

/** The profile as the docs show it: only the fields that have a value. */
export function profileView(user: UserEntity): ProfileView {
  const view: Record<string, string> = {};
  for (const [field, prop] of PROFILE_FIELDS) {
    const value = user[prop];
    if (typeof value === 'string' && value !== '') view[field] = value;
  }
  return view as ProfileView;
}

export function createdView(user: UserEntity): AccountCreatedView {
  return { id: user.id, ...profileView(user) };
}

/** Display name in sessions: first name, else the login. */
export function displayName(user: UserEntity): string {
  return [user.firstName, user.lastName].find((v) => v) ?? user.email ?? user.phone ?? '';
}

/** The login a person types at sign-in (key of the brute-force counters). */
export function loginOf(user: UserEntity): string {
  return (user.regType === 'phone' ? user.phone : user.email) ?? user.id;
}
