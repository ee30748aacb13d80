// Callers of the trust suites, each obtained through the public HTTP API of a running system:
// ordinary users, the security admin of another participant (via brand registration and the
// moderator's approve link), the seeded system admin and a participant API key.
import { activationCodeFromMime } from '../identity/identity-process.js';
import { http, lastMailTo, type RunningSystem, SYSTEM_ADMIN } from './system.js';

export const SYSTEM_PARTICIPANT = 'urn:authenticateit:participant:1';
export const withTicket = (ticket: string) => ({ authenticateit_identity_ticket: ticket });

export interface SignedIn { userId: string; email: string; password: string; ticket: string; currentParticipant: string; roles: string[] }

let counter = 0;
export const uniqueEmail = (tag: string) => `${tag}-${Date.now()}-${process.pid}-${++counter}@trust.test`;

function expectOk(what: string, res: { status: number; body: unknown }, ok = [200, 201]) {
  if (!ok.includes(res.status)) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function signIn(sys: RunningSystem, email: string, password: string): Promise<SignedIn> {
  const res = await http(sys.baseUrl, 'POST', '/identity-service/session', { body: { email, password } });
  expectOk(`sign in ${email}`, res);
  if (!res.body.ticket) throw new Error(`sign in ${email}: no ticket ${JSON.stringify(res.body)}`);
  return { userId: res.body.id, email, password, ticket: res.body.ticket, currentParticipant: res.body.current_participant, roles: res.body.roles };
}

export const signInSystemAdmin = (sys: RunningSystem) => signIn(sys, SYSTEM_ADMIN.email, SYSTEM_ADMIN.password);

/** Signs up, activates through the mailed link and signs in. */
export async function activeUser(sys: RunningSystem, tag = 'user', password = 'trust-password-1'): Promise<SignedIn> {
  const email = uniqueEmail(tag);
  expectOk(`create ${email}`, await http(sys.baseUrl, 'POST', '/identity-service/account', { body: { email, password, first_name: 'Trust' } }));
  const mail = lastMailTo(sys.outboxDir, email);
  const code = mail && activationCodeFromMime(mail);
  if (!code) throw new Error(`no activation mail for ${email}`);
  expectOk(`activate ${email}`, await http(sys.baseUrl, 'GET', `/identity-service/account/activate/${code}`));
  return signIn(sys, email, password);
}

/**
 * A user who registered a brand that the moderator approved: security_admin of a new
 * participant (not the system participant), signed in with it as current participant.
 */
export async function otherParticipantAdmin(sys: RunningSystem, admin: SignedIn): Promise<SignedIn> {
  const user = await activeUser(sys, 'brand-admin');
  const prefix = `95${String(Date.now()).slice(-7)}`;
  const registration = {
    pending_plan: 'complete', country: '036', gs1_activation_code: '22777772231',
    pending_participant: { company_prefix: prefix, name: `Trust Brand ${prefix}`, brand_name: 'Trust', participant_type: 'product360' },
  };
  expectOk('brand registration', await http(sys.baseUrl, 'PUT', '/identity-service/account/pending_participant', { headers: withTicket(user.ticket), body: registration }));
  const code = await http(sys.baseUrl, 'POST', '/identity-service/account/pending_participant/get_code', { headers: withTicket(admin.ticket), body: { id: user.userId } });
  expectOk('get_code', code);
  expectOk('approve', await http(sys.baseUrl, 'GET', `/identity-service/pending_participant/${code.body.code}/approve`));
  const signedIn = await signIn(sys, user.email, user.password);
  if (signedIn.currentParticipant === SYSTEM_PARTICIPANT || !signedIn.roles.includes('security_admin')) {
    throw new Error(`brand admin is not security_admin of its own participant: ${JSON.stringify(signedIn)}`);
  }
  return signedIn;
}

/** A throwaway security admin of the system participant (for routes that would end the caller). */
export async function disposableSystemAdmin(sys: RunningSystem, admin: SignedIn): Promise<SignedIn> {
  const user = await activeUser(sys, 'disposable-admin');
  const res = await http(sys.baseUrl, 'POST', '/identity-service/nominate', {
    headers: withTicket(admin.ticket), body: { id: user.userId, current_participant: SYSTEM_PARTICIPANT, role: ['security_admin', 'user'] },
  });
  expectOk('nominate into the system participant', res);
  const signedIn = await signIn(sys, user.email, user.password);
  if (signedIn.currentParticipant !== SYSTEM_PARTICIPANT) {
    const switched = await http(sys.baseUrl, 'POST', '/identity-service/session/switch-context', { headers: withTicket(signedIn.ticket), body: { new_participant: SYSTEM_PARTICIPANT } });
    expectOk('switch to the system participant', switched);
    return { ...signedIn, currentParticipant: SYSTEM_PARTICIPANT, roles: switched.body.roles ?? signedIn.roles };
  }
  return signedIn;
}

/** A participant API key created by a system session (POST /certificates/api-keys). */
export async function apiKeyOf(sys: RunningSystem, admin: SignedIn, participantId: string): Promise<string> {
  const res = await http(sys.baseUrl, 'POST', '/certificates/api-keys', { headers: withTicket(admin.ticket), body: { participant_id: participantId, name: 'trust suite' } });
  expectOk('create API key', res);
  return res.body.key;
}
