/**
 * Bodies and answers of the identity patterns (HTTP routes of identity-service.txt).
 * Request bodies arrive as `HttpRequestPayload<Body>.body`.
 */

export const IDENTITY_PATTERNS = {
  sessionCreate: 'identity.session.create',
  sessionGet: 'identity.session.get',
  sessionDelete: 'identity.session.delete',
  sessionSwitchContext: 'identity.session.switch-context',
  accountCreate: 'identity.account.create',
  accountActivate: 'identity.account.activate',
  accountResendCode: 'identity.account.resend-code',
  accountGet: 'identity.account.get',
  accountCheck: 'identity.account.check',
  accountRegistrationTypes: 'identity.account.registration-types',
} as const;

export interface SessionCreateBody {
  email?: string;
  /** Alias of email. */
  username?: string;
  phone?: string;
  password: string;
  country?: string;
  language?: string;
}

export interface SessionView {
  current_participant?: string;
  id: string;
  merged_user?: boolean;
  modules: string[];
  name: string;
  roles: string[];
  /** Present on sign-in only (see the session.get note in the identity report). */
  ticket?: string;
}

/** Sign-in of an account that is not activated yet: a token to resend the activation mail. */
export interface ResendTokenView { token: string }

export interface AccountCreateBody {
  reg_type?: 'email' | 'phone';
  email?: string;
  phone?: string;
  password: string;
  first_name?: string;
  last_name?: string;
  gender?: 'male' | 'female' | 'other';
  birthdate?: string;
  photo?: string;
  country?: string;
  language?: string;
  city?: string;
  post_code?: string;
  address1?: string;
  address2?: string;
  job_title?: string;
}

export interface ProfileView {
  email?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  language?: string;
  country?: string;
  post_code?: string;
  city?: string;
  address1?: string;
  address2?: string;
  birthdate?: string;
  gender?: string;
  photo?: string;
  job_title?: string;
}

export interface AccountCreatedView extends ProfileView {
  id: string;
  /** Present when POST /account carried a pending_participant (brand unlock begun at sign-up). */
  pending_participant?: { company_prefix?: string; name?: string; brand_name?: string; participant_type?: string; tech_email_used: boolean };
}

export interface ParticipantMembershipView {
  id: string;
  name?: string;
  roles: string[];
  last_access?: string;
  modules?: string[];
  participant_type?: string[];
  company_prefix?: string[];
  [field: string]: unknown;
}

export interface AccountView extends ProfileView {
  id: string;
  reg_type: string;
  reviews_karma: number;
  participants: ParticipantMembershipView[];
}

export interface SwitchContextBody { new_participant: string }
export interface SwitchContextView { current_participant: string; participants: ParticipantMembershipView[] }

export interface ResendCodeBody { token: string }
export interface AccountCheckBody { email: string }
export interface AccountCheckView { first_name?: string; last_name?: string }
export interface RegistrationTypesView { types: string[] }
