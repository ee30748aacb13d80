import type { AccountCreatedView, AccountView, ParticipantSummary, ProfileView } from '#libs/contracts';
import { isoSeconds } from '#libs/contracts';
import type { AccountRow } from './account-read.repository.js';
import type { UserEntity } from './user.entity.js';

/** Doc field name (also its identity.users column) → entity property, in the order the docs print them. */
export const PROFILE_FIELDS: ReadonlyArray<[keyof ProfileView, keyof UserEntity]> = [
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

/** profileView of GET /account's row (its profile is keyed by column). */
export function profileOf(row: AccountRow): ProfileView {
  const view: Record<string, string> = {};
  for (const [field] of PROFILE_FIELDS) {
    const value = row.profile[field];
    if (typeof value === 'string' && value !== '') view[field] = value;
  }
  return view as ProfileView;
}

/**
 * GET /account's participants: the participant's fields, the roles, the participant's last
 * access and the user's own (`last_access_user`; `first_access` until the user has used it).
 */
export function membershipsOf(row: AccountRow, summaries: Map<string, ParticipantSummary>): AccountView['participants'] {
  return row.memberships.map((m) => {
    const lastAccess = m.last_access ? isoSeconds(new Date(m.last_access)) : null;
    return {
      ...(m.summary ?? summaries.get(m.participant_id) ?? {}), id: m.participant_id, roles: [...m.roles],
      ...(lastAccess ? { last_access: lastAccess } : {}),
      last_access_user: { first_access: lastAccess === null, ts: lastAccess },
    };
  });
}
