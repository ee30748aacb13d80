export const OAUTH_SERVICES = ['facebook', 'google', 'instagram', 'twitter', 'vk', 'wechat'] as const;
export type OAuthServiceName = (typeof OAUTH_SERVICES)[number];

/** What a provider tells us about the person; only `externalId` is required. */
export interface OAuthProfile {
  externalId: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  gender?: 'male' | 'female';
  /** YYYY-MM-DD */
  birthdate?: string;
  photo?: string;
  language?: string;
}

/** The credentials of the request (already validated). */
export interface OAuthCredentials {
  access_token?: string;
  code?: string;
  id_token?: string;
  user_id?: string;
  oauth_token?: string;
  oauth_token_secret?: string;
}

export interface OAuthProvider {
  profile(credentials: OAuthCredentials): Promise<OAuthProfile>;
}

/** "First Last" into its parts. */
export function splitName(name: string | undefined): { firstName?: string; lastName?: string } {
  if (!name) return {};
  const [first, ...rest] = name.trim().split(/\s+/);
  return { firstName: first || undefined, lastName: rest.join(' ') || undefined };
}
