// Helpers shared by the blocks, memberships, oauth, merge, pending and users-admin suites.
import type { SessionInfo } from '#libs/contracts';
import { activationCodeFromOutbox, ADMIN_EMAIL, ADMIN_PASSWORD, type IdentityHarness } from './identity-process.js';
import { IdentityPattern } from '#libs/contracts';

export interface SignedIn { userId: string; ticket: string; session: SessionInfo }

/** Signs in through identity.session.create and reads the session back as the gateway would. */
export async function signIn(id: IdentityHarness, body: Record<string, unknown>): Promise<SignedIn> {
  const answer = await id.call<{ id: string; ticket: string }>(IdentityPattern.SessionCreate, { body });
  const session = await id.tickets.lookup(answer.ticket);
  if (!session) throw new Error('no session for the new ticket');
  return { userId: answer.id, ticket: answer.ticket, session };
}

export const signInAdmin = (id: IdentityHarness) => signIn(id, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });

/** Creates and activates an email account, then signs it in. */
export async function activeUser(id: IdentityHarness, email: string, password = 'secret-pass-1', profile: Record<string, unknown> = {}): Promise<SignedIn> {
  await id.call(IdentityPattern.AccountCreate, { body: { email, password, ...profile } });
  const code = activationCodeFromOutbox(id.outboxDir, email.toLowerCase());
  if (!code) throw new Error(`no activation mail for ${email}`);
  await id.call(IdentityPattern.AccountActivate, { params: { activation_code: code } });
  return signIn(id, { email, password });
}

export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
