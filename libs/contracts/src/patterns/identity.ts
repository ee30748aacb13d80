/**
 * Bodies and answers of the identity patterns (HTTP routes of identity-service.txt).
 * Request bodies arrive as `HttpRequestPayload<Body>.body`.
 */

export const IdentityPattern = {
  // HTTP routes (http-routes.ts)
  SessionCreate: 'identity.session.create',
  /** Answered by the gateway itself from the session it read; identity keeps a handler for direct callers. */
  SessionGet: 'identity.session.get',
  SessionDelete: 'identity.session.delete',
  SessionSwitchContext: 'identity.session.switch-context',
  /** The caller's own live sessions (extra-routes.ts): GET /identity-service/sessions. */
  SessionList: 'identity.session.list',
  /** Ends one of the caller's own sessions by its public id: DELETE /identity-service/sessions/:id. */
  SessionEnd: 'identity.session.end',
  AccountCreate: 'identity.account.create',
  AccountActivate: 'identity.account.activate',
  AccountResendCode: 'identity.account.resend-code',
  AccountGet: 'identity.account.get',
  AccountUpdate: 'identity.account.update',
  AccountDelete: 'identity.account.delete',
  AccountSettings: 'identity.account.settings',
  AccountLocale: 'identity.account.locale',
  AccountCheck: 'identity.account.check',
  AccountRegistrationTypes: 'identity.account.registration-types',
  AccountDeleteCustomer: 'identity.account.delete-customer',
  AccountOauth: 'identity.account.oauth',
  PasswordRestoreRequest: 'identity.password.restore-request',
  PasswordRestore: 'identity.password.restore',
  DeviceSet: 'identity.device.set',
  DeviceRemove: 'identity.device.remove',
  MembershipNominate: 'identity.membership.nominate',
  MembershipDenominate: 'identity.membership.denominate',
  MergeCreate: 'identity.merge.create',
  MergeList: 'identity.merge.list',
  PhoneVerifyCode: 'identity.phone.verify-code',
  PhoneSendCode: 'identity.phone.send-code',
  PhoneResetPassword: 'identity.phone.reset-password',
  PhoneVerificationSend: 'identity.phone-verification.send',
  PhoneVerificationVerify: 'identity.phone-verification.verify',
  PhoneVerificationReset: 'identity.phone-verification.reset',
  PendingParticipantUpdate: 'identity.pending-participant.update',
  PendingParticipantRejectWithReason: 'identity.pending-participant.reject-with-reason',
  PendingParticipantApprove: 'identity.pending-participant.approve',
  PendingParticipantReject: 'identity.pending-participant.reject',
  PendingParticipantGetCode: 'identity.pending-participant.get-code',
  GeoCurrentCountry: 'identity.geo.current-country',
  GeoGeolocation: 'identity.geo.geolocation',
  UsersGet: 'identity.users.get',
  UserNotificationSettings: 'identity.user.notification-settings',
  BlockGet: 'identity.block.get',
  BlockSet: 'identity.block.set',
  BlockUnset: 'identity.block.unset',
  /** POST /identity-service/audit/get (sys-admin): the audit trail of every service, merged (audit.ts). */
  AuditGet: 'identity.audit.get',
  // service to service
  /** ParticipantTeamDto → TeamMemberView[]: billing shows a participant's team (GET /participants/participant/:id). */
  ParticipantTeam: 'identity.participant.team',
  /** UserRecordsDto → UserRecord[]: rewards shows the users of a transaction hash (GET /user/transactions/hashes/:hash). */
  UserRecords: 'identity.user.records',
} as const;

/**
 * A user as GET /user/transactions/hashes/:hash lists it (its coins and level come from rewards):
 * the profile fields the user has, and `password` always null (never shown).
 */
export type UserRecord = Record<string, unknown> & { id: string };

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

/** One of the caller's live sessions (never its ticket or the ticket's hash). */
export interface SessionListingView {
  /** Public id of the session, for DELETE /identity-service/sessions/:id. */
  id: string;
  created_at: string;
  /** When the session was last used (to the second the sliding lifetime tells). */
  last_seen_at: string;
  /** Client IP and user agent at sign-in; null when unknown. */
  ip: string | null;
  user_agent: string | null;
  /** Whether this is the session of the ticket the request came with. */
  current: boolean;
}

export interface SessionListView { sessions: SessionListingView[] }

/** Sign-in of an account that is not activated yet: a token to resend the activation mail. */
export interface ResendTokenView { token: string }

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
  last_access?: string | null;
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

/** DELETE /account/customer and POST /account/restore/:code: the account as their examples show it. */
export interface AccountAnswerView {
  id: string;
  email?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  language?: string;
  city?: string;
  address2: string;
  participants: { id: string; last_access: string | null; name: string | null; roles: string[] }[];
  coins: string | null;
}

export interface SwitchContextView { current_participant: string; participants: ParticipantMembershipView[] }

export interface AccountCheckView { first_name?: string; last_name?: string }
export interface RegistrationTypesView { types: string[] }
