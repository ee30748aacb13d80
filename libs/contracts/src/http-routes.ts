import { type ServiceName } from './services.js';
import { EXTRA_ROUTE_ROWS } from './extra-routes.js';
import { IdentityPattern } from './patterns/identity.js';
import { BillingPattern } from './patterns/participants-billing.js';
import { CertificatesPattern } from './patterns/certificates.js';
import { RewardsPattern } from './patterns/rewards.js';

/**
 * Who may call a route (ENDPOINTS.md, Auth column):
 * - none: public; ticket: valid session; sys-admin: current participant is the system
 *   participant and roles include security_admin; system: current participant is the system
 *   participant; api-key: a participant API key; reset-ticket: one-time phone reset ticket
 *   (checked by identity, header or body).
 * `ticket` routes that need a participant role (nominate) check it in the owning service.
 */
export type RouteAuth = 'none' | 'ticket' | 'sys-admin' | 'system' | 'api-key' | 'reset-ticket';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRoute {
  /** Row number in docs/api/ENDPOINTS.md (the API documents, vendored). */
  row: string;
  method: HttpMethod;
  /** Path as documented, without trailing slash; `:name` marks a parameter. */
  path: string;
  service: ServiceName;
  /** Message pattern the gateway sends the HttpRequestPayload to. */
  pattern: string;
  auth: RouteAuth;
  summary: string;
  /** Also served under `/identity-service` + path (rows documented as `/user/...`). */
  alsoUnderIdentityPrefix?: boolean;
  /** The handler also gets the body exactly as sent (`rawBody`), e.g. to check a signature over it. */
  rawBody?: boolean;
  /** Request headers handed to the handler in `headers` besides user-agent and accept-language (lower case). */
  forwardHeaders?: readonly string[];
}

/** Per-route extras of a RouteRow (its last element). */
export interface RouteOptions { rawBody?: boolean; forwardHeaders?: readonly string[] }

const I = '/identity-service';
export type RouteRow = [string, HttpMethod, string, ServiceName, string, RouteAuth, string, boolean?, RouteOptions?];

// [row, method, path, owner, pattern, auth, summary, alsoUnderIdentityPrefix, options]
const ROWS: RouteRow[] = [
  ['1', 'POST', `${I}/session`, 'identity', IdentityPattern.SessionCreate, 'none', 'Create session (sign in)'],
  ['2', 'GET', `${I}/session`, 'identity', IdentityPattern.SessionGet, 'ticket', 'Validate session'],
  ['3', 'DELETE', `${I}/session`, 'identity', IdentityPattern.SessionDelete, 'ticket', 'Remove session'],
  ['4', 'POST', `${I}/session/switch-context`, 'identity', IdentityPattern.SessionSwitchContext, 'ticket', 'Switch context'],
  ['5', 'POST', `${I}/account/code/resend`, 'identity', IdentityPattern.AccountResendCode, 'none', 'Resend activation email'],
  ['6', 'DELETE', `${I}/account/customer`, 'identity', IdentityPattern.AccountDeleteCustomer, 'ticket', 'Delete stripe token'],
  ['7', 'POST', `${I}/set_device_id`, 'identity', IdentityPattern.DeviceSet, 'ticket', 'Add or replace device'],
  ['8', 'POST', `${I}/remove_device_id`, 'identity', IdentityPattern.DeviceRemove, 'ticket', 'Remove device'],
  ['9', 'POST', `${I}/nominate`, 'identity', IdentityPattern.MembershipNominate, 'ticket', 'Nominate user to participant'],
  ['10', 'POST', `${I}/nominate/delete`, 'identity', IdentityPattern.MembershipDenominate, 'ticket', 'Denominate user roles'],
  ['11', 'POST', `${I}/account`, 'identity', IdentityPattern.AccountCreate, 'none', 'Create new account'],
  ['12', 'POST', `${I}/account/oauth`, 'identity', IdentityPattern.AccountOauth, 'none', 'Create OAuth account'],
  ['13', 'POST', `${I}/account/merge`, 'identity', IdentityPattern.MergeCreate, 'ticket', 'Merge user accounts'],
  ['14', 'GET', `${I}/account/merge`, 'identity', IdentityPattern.MergeList, 'ticket', 'Read merged user accounts'],
  ['15', 'POST', `${I}/account/phone/verify_code`, 'identity', IdentityPattern.PhoneVerifyCode, 'none', 'Activate phone account / reset ticket'],
  ['16', 'POST', `${I}/account/phone/send_code`, 'identity', IdentityPattern.PhoneSendCode, 'none', 'Request phone activation code'],
  ['17', 'POST', `${I}/account/phone/reset_password`, 'identity', IdentityPattern.PhoneResetPassword, 'reset-ticket', 'Reset password of phone account'],
  ['18', 'GET', `${I}/account/activate/:activation_code`, 'identity', IdentityPattern.AccountActivate, 'none', 'Activate email account'],
  ['19', 'POST', `${I}/account/verifications/phone`, 'identity', IdentityPattern.PhoneVerificationSend, 'ticket', "Send verification SMS"],
  ['20', 'GET', `${I}/account/verifications/phone/:code`, 'identity', IdentityPattern.PhoneVerificationVerify, 'ticket', "Verify user's phone number"],
  ['21', 'GET', `${I}/account`, 'identity', IdentityPattern.AccountGet, 'ticket', 'Get my profile'],
  ['22', 'DELETE', `${I}/account`, 'identity', IdentityPattern.AccountDelete, 'ticket', 'Delete my account'],
  ['23', 'PUT', `${I}/account`, 'identity', IdentityPattern.AccountUpdate, 'ticket', 'Update my account'],
  ['24', 'PUT', `${I}/account/settings`, 'identity', IdentityPattern.AccountSettings, 'ticket', 'Notification settings'],
  ['25', 'POST', `${I}/account/restore`, 'identity', IdentityPattern.PasswordRestoreRequest, 'none', 'Send restore code'],
  ['26', 'POST', `${I}/account/restore/:code`, 'identity', IdentityPattern.PasswordRestore, 'none', 'Reset password'],
  ['27', 'POST', `${I}/account/check`, 'identity', IdentityPattern.AccountCheck, 'none', 'Check user by email'],
  ['28', 'POST', `${I}/account/locale`, 'identity', IdentityPattern.AccountLocale, 'ticket', 'Set locale'],
  ['29', 'GET', `${I}/account/level`, 'rewards', RewardsPattern.LevelMine, 'ticket', 'Get user level'],
  ['30', 'GET', `${I}/account/earnings`, 'rewards', RewardsPattern.EarningsMine, 'ticket', 'Get earnings info'],
  ['31', 'GET', `${I}/account/registration_types`, 'identity', IdentityPattern.AccountRegistrationTypes, 'none', 'Preferred registration types'],
  ['32', 'PUT', `${I}/account/pending_participant`, 'identity', IdentityPattern.PendingParticipantUpdate, 'ticket', 'Brand unlock / participant registration'],
  ['33', 'POST', `${I}/pending_participant/reject`, 'identity', IdentityPattern.PendingParticipantRejectWithReason, 'none', 'Reject pending participant'],
  ['33a', 'GET', `${I}/pending_participant/:code/approve`, 'identity', IdentityPattern.PendingParticipantApprove, 'none', 'Moderator approve link'],
  ['33b', 'GET', `${I}/pending_participant/:code/reject`, 'identity', IdentityPattern.PendingParticipantReject, 'none', 'Moderator reject link'],
  ['33c', 'POST', `${I}/account/pending_participant/get_code`, 'identity', IdentityPattern.PendingParticipantGetCode, 'system', 'Code for automated tests'],
  ['34', 'POST', `${I}/account/participant`, 'participants-billing', BillingPattern.ParticipantRegister, 'ticket', 'New participant registration request'],
  ['35', 'POST', `${I}/prefix/check`, 'participants-billing', BillingPattern.PrefixCheck, 'none', 'Check company prefix'],
  ['36', 'GET', `${I}/current_country`, 'identity', IdentityPattern.GeoCurrentCountry, 'none', 'Country from IP'],
  ['37', 'GET', `${I}/geolocation`, 'identity', IdentityPattern.GeoGeolocation, 'none', 'Geolocation info'],
  ['38', 'POST', `${I}/users/get`, 'identity', IdentityPattern.UsersGet, 'sys-admin', 'List users or read one profile'],
  ['39', 'POST', `${I}/user/scans`, 'rewards', RewardsPattern.UserScans, 'sys-admin', 'Read user scans'],
  ['40', 'POST', `${I}/user/notification_settings`, 'identity', IdentityPattern.UserNotificationSettings, 'sys-admin', "User's notification settings"],
  ['41', 'POST', `${I}/user/rewards`, 'rewards', RewardsPattern.UserRewards, 'sys-admin', 'Read user rewards'],
  ['42', 'POST', `${I}/user/buddies`, 'rewards', RewardsPattern.UserBuddies, 'sys-admin', 'Read user buddies'],
  ['43', 'POST', `${I}/user/reminders`, 'rewards', RewardsPattern.UserReminders, 'sys-admin', 'Sent reminders'],
  ['44', 'POST', `${I}/user/timeline`, 'rewards', RewardsPattern.UserTimeline, 'sys-admin', 'Read user timeline'],
  ['45', 'POST', `${I}/user/level`, 'rewards', RewardsPattern.UserLevel, 'sys-admin', 'Read user level info'],
  ['46', 'POST', `${I}/user/contributor_level`, 'rewards', RewardsPattern.UserContributorLevel, 'sys-admin', 'Read contributor info'],
  ['47', 'POST', '/user/transactions', 'rewards', RewardsPattern.UserTransactions, 'sys-admin', 'Read transactions list', true],
  ['48', 'PUT', `${I}/user/transactions/cashouts/:cashout_id/:status`, 'rewards', RewardsPattern.CashoutSetStatus, 'sys-admin', 'Change cashout status'],
  ['49', 'POST', '/user/permanently_block/get', 'identity', IdentityPattern.BlockGet, 'sys-admin', 'Permanent block status', true],
  ['50', 'POST', '/user/permanently_block/set', 'identity', IdentityPattern.BlockSet, 'sys-admin', 'Set permanent block', true],
  ['51', 'POST', '/user/permanently_block/unset', 'identity', IdentityPattern.BlockUnset, 'sys-admin', 'Unset permanent block', true],
  ['52', 'POST', '/user/rewards_ban/get', 'rewards', RewardsPattern.BanGet, 'sys-admin', 'Rewards ban history', true],
  ['53', 'POST', '/user/rewards_ban/set', 'rewards', RewardsPattern.BanSet, 'sys-admin', 'Set rewards ban', true],
  ['54', 'POST', '/user/rewards_ban/unset', 'rewards', RewardsPattern.BanUnset, 'sys-admin', 'Unset rewards ban', true],
  ['55', 'POST', '/user/timeline/message', 'rewards', RewardsPattern.TimelineMessage, 'sys-admin', 'Publish message to timeline', true],
  ['56', 'POST', '/user/verifications/phone/reset', 'identity', IdentityPattern.PhoneVerificationReset, 'sys-admin', 'Reset phone verification blocking', true],
  ['57', 'GET', `${I}/user/transactions/hashes/:hash`, 'rewards', RewardsPattern.TransactionsByHash, 'sys-admin', 'Users by transaction hash'],
  ['58', 'POST', `${I}/participants`, 'participants-billing', BillingPattern.ParticipantsList, 'system', 'List participants'],
  ['59', 'GET', `${I}/participants/participant/:id`, 'participants-billing', BillingPattern.ParticipantGet, 'system', 'Participant profile'],
  ['60', 'PUT', `${I}/participants/participant/:id/payment`, 'participants-billing', BillingPattern.PaymentPaidPeriod, 'system', 'Paid period'],
  ['61', 'PUT', `${I}/participants/participant/:id/payment/trial`, 'participants-billing', BillingPattern.PaymentTrial, 'system', 'Trial period'],
  ['62', 'DELETE', `${I}/participants/participant/:id/payment/customer`, 'participants-billing', BillingPattern.PaymentDeleteCustomer, 'system', 'Remove card data'],
  ['63', 'PUT', `${I}/participants/participant/:id/deposit/fee`, 'participants-billing', BillingPattern.DepositSetFee, 'system', 'Transactions fee'],
  ['64', 'GET', `${I}/participants/participant/:id/deposit`, 'participants-billing', BillingPattern.DepositGet, 'system', 'Balance, fee, top-up'],
  ['65', 'DELETE', `${I}/participants/participant/:id`, 'participants-billing', BillingPattern.ParticipantDelete, 'system', 'Delete participant and coupled data'],
  ['66', 'GET', '/users/certificates', 'certificates', CertificatesPattern.UserList, 'ticket', 'Active and archival user certificates'],
  ['67', 'GET', '/external/payment-certificate', 'certificates', CertificatesPattern.PaymentList, 'api-key', 'All payment certificates'],
  ['70', 'POST', '/external/payment-certificate/bulk-create', 'certificates', CertificatesPattern.PaymentBulkCreate, 'api-key', 'Create many (all or nothing)'],
  ['71', 'PUT', '/external/payment-certificate/bulk-update', 'certificates', CertificatesPattern.PaymentBulkUpdate, 'api-key', 'Update many (all or nothing)'],
  ['68', 'GET', '/external/payment-certificate/:id', 'certificates', CertificatesPattern.PaymentGet, 'api-key', 'One payment certificate'],
  ['69', 'PUT', '/external/payment-certificate/:id', 'certificates', CertificatesPattern.PaymentUpdate, 'api-key', 'Update one payment certificate'],
];

/** Documented routes (ENDPOINTS.md) followed by routes our services add (extra-routes.ts). */
export const HTTP_ROUTES: readonly HttpRoute[] = [...ROWS, ...EXTRA_ROUTE_ROWS].map(
  ([row, method, path, service, pattern, auth, summary, alsoUnderIdentityPrefix, options]) => ({
    row, method, path, service, pattern, auth, summary, ...(alsoUnderIdentityPrefix ? { alsoUnderIdentityPrefix } : {}),
    ...(options?.rawBody ? { rawBody: true } : {}), ...(options?.forwardHeaders?.length ? { forwardHeaders: options.forwardHeaders } : {}),
  }),
);

/** Every path a route is served under (`/user/...` rows also under `/identity-service/user/...`). */
export function servedPaths(route: HttpRoute): string[] {
  return route.alsoUnderIdentityPrefix ? [route.path, `${I}${route.path}`] : [route.path];
}
