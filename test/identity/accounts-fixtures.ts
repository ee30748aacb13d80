// Shared steps of the accounts-*, phone-* and security-* suites.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionInfo } from '#libs/contracts';
import { activationCodeFromOutbox, type IdentityHarness } from './identity-process.js';
import { IdentityPattern } from '#libs/contracts';

export const unique = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

export interface SignedIn { userId: string; ticket: string; session: SessionInfo }

/** Registers by email, activates through the outbox mail and signs in. */
export async function emailUser(id: IdentityHarness, email: string, password: string, profile: Record<string, unknown> = {}): Promise<SignedIn> {
  const created = await id.call<{ id: string }>(IdentityPattern.AccountCreate, { body: { email, password, ...profile } });
  const code = activationCodeFromOutbox(id.outboxDir, email.toLowerCase());
  if (!code) throw new Error(`no activation mail for ${email}`);
  await id.call(IdentityPattern.AccountActivate, { params: { activation_code: code } });
  return signIn(id, { email, password }, created.id);
}

export async function signIn(id: IdentityHarness, body: Record<string, unknown>, userId?: string, ip = '127.0.0.1'): Promise<SignedIn> {
  const answer = await id.call<{ id: string; ticket: string }>(IdentityPattern.SessionCreate, { body, ip });
  const session = await id.tickets.lookup(answer.ticket);
  if (!session) throw new Error('ticket not in the store');
  if (userId && answer.id !== userId) throw new Error(`signed in as ${answer.id}, expected ${userId}`);
  return { userId: answer.id, ticket: answer.ticket, session };
}

/** SMS the outbox holds for `to`, oldest first. */
export function outboxSms(dir: string, to: string): Array<{ to: string; body: string; from: string }> {
  return readdirSync(dir).filter((f) => f.endsWith('.sms.json')).sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { to: string; body: string; from: string })
    .filter((m) => m.to === to);
}

export function lastSmsCode(dir: string, to: string): string | undefined {
  return /(\d{5})\s*$/.exec(outboxSms(dir, to).at(-1)?.body ?? '')?.[1];
}

/** A user row as JSON, to show that a refused request changed nothing. */
export async function userRow(id: IdentityHarness, userId: string): Promise<string> {
  const { rows } = await id.db.query('SELECT * FROM identity.users WHERE id = $1', [userId]);
  return JSON.stringify(rows[0] ?? null);
}
