import { ServiceName } from './services.js';
import { EXTRA_ROUTE_ROWS } from './extra-routes.js';

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
  /** Row number in shared/api/ENDPOINTS.md. */
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
}

const I = '/identity-service';
export type RouteRow = [string, HttpMethod, string, ServiceName, string, RouteAuth, string, boolean?];

// [row, method, path, owner, pattern, auth, summary, alsoUnderIdentityPrefix]
const ROWS: RouteRow[] = [
  ['1', 'POST', `${I}/session`, 'identity', 'identity.session.create', 'none', 'Create session (sign in)'],
  ['2', 'GET', `${I}/session`, 'identity', 'identity.session.get', 'ticket', 'Validate session'],
  ['3', 'DELETE', `${I}/session`, 'identity', 'identity.session.delete', 'ticket', 'Remove session'],
  ['4', 'POST', `${I}/session/switch-context`, 'identity', 'identity.session.switch-context', 'ticket', 'Switch context'],
  ['5', 'POST', `${I}/account/code/resend`, 'identity', 'identity.account.resend-code', 'none', 'Resend activation email'],
  ['6', 'DELETE', `${I}/account/customer`, 'identity', 'identity.account.delete-customer', 'ticket', 'Delete stripe token'],
  ['7', 'POST', `${I}/set_device_id`, 'identity', 'identity.device.set', 'ticket', 'Add or replace device'],
  ['8', 'POST', `${I}/remove_device_id`, 'identity', 'identity.device.remove', 'ticket', 'Remove device'],
  ['9', 'POST', `${I}/nominate`, 'identity', 'identity.membership.nominate', 'ticket', 'Nominate user to participant'],
  ['10', 'POST', `${I}/nominate/delete`, 'identity', 'identity.membership.denominate', 'ticket', 'Denominate user roles'],
  ['11', 'POST', `${I}/account`, 'identity', 'identity.account.create', 'none', 'Create new account'],
  ['12', 'POST', `${I}/account/oauth`, 'identity', 'identity.account.oauth', 'none', 'Create OAuth account'],
  ['13', 'POST', `${I}/account/merge`, 'identity', 'identity.merge.create', 'ticket', 'Merge user accounts'],
  ['14', 'GET', `${I}/account/merge`, 'identity', 'identity.merge.list', 'ticket', 'Read merged user accounts'],
  ['15', 'POST', `${I}/account/phone/verify_code`, 'identity', 'identity.phone.verify-code', 'none', 'Activate phone account / reset ticket'],
  ['16', 'POST', `${I}/account/phone/send_code`, 'identity', 'identity.phone.send-code', 'none', 'Request phone activation code'],
  ['17', 'POST', `${I}/account/phone/reset_password`, 'identity', 'identity.phone.reset-password', 'reset-ticket', 'Reset password of phone account'],
  ['18', 'GET', `${I}/account/activate/:activation_code`, 'identity', 'identity.account.activate', 'none', 'Activate email account'],
  ['19', 'POST', `${I}/account/verifications/phone`, 'identity', 'identity.phone-verification.send', 'ticket', "Send verification SMS"],
  ['20', 'GET', `${I}/account/verifications/phone/:code`, 'identity', 'identity.phone-verification.verify', 'ticket', "Verify user's phone number"],
  ['21', 'GET', `${I}/account`, 'identity', 'identity.account.get', 'ticket', 'Get my profile'],
  ['22', 'DELETE', `${I}/account`, 'identity', 'identity.account.delete', 'ticket', 'Delete my account'],
  ['23', 'PUT', `${I}/account`, 'identity', 'identity.account.update', 'ticket', 'Update my account'],
  ['24', 'PUT', `${I}/account/settings`, 'identity', 'identity.account.settings', 'ticket', 'Notification settings'],
  ['25', 'POST', `${I}/account/restore`, 'identity', 'identity.password.restore-request', 'none', 'Send restore code'],
  ['26', 'POST', `${I}/account/restore/:code`, 'identity', 'identity.password.restore', 'none', 'Reset password'],
  ['27', 'POST', `${I}/account/check`, 'identity', 'identity.account.check', 'none', 'Check user by email'],
  ['28', 'POST', `${I}/account/locale`, 'identity', 'identity.account.locale', 'ticket', 'Set locale'],
  ['29', 'GET', `${I}/account/level`, 'rewards', 'rewards.level.mine', 'ticket', 'Get user level'],
  ['30', 'GET', `${I}/account/earnings`, 'rewards', 'rewards.earnings.mine', 'ticket', 'Get earnings info'],
  ['31', 'GET', `${I}/account/registration_types`, 'identity', 'identity.account.registration-types', 'none', 'Preferred registration types'],
  ['32', 'PUT', `${I}/account/pending_participant`, 'identity', 'identity.pending-participant.update', 'ticket', 'Brand unlock / participant registration'],
  ['33', 'POST', `${I}/pending_participant/reject`, 'identity', 'identity.pending-participant.reject-with-reason', 'none', 'Reject pending participant'],
  ['33a', 'GET', `${I}/pending_participant/:code/approve`, 'identity', 'identity.pending-participant.approve', 'none', 'Moderator approve link'],
  ['33b', 'GET', `${I}/pending_participant/:code/reject`, 'identity', 'identity.pending-participant.reject', 'none', 'Moderator reject link'],
  ['33c', 'POST', `${I}/account/pending_participant/get_code`, 'identity', 'identity.pending-participant.get-code', 'system', 'Code for automated tests'],
  ['34', 'POST', `${I}/account/participant`, 'participants-billing', 'billing.participant.register', 'ticket', 'New participant registration request'],
  ['35', 'POST', `${I}/prefix/check`, 'participants-billing', 'billing.prefix.check', 'none', 'Check company prefix'],
  ['36', 'GET', `${I}/current_country`, 'identity', 'identity.geo.current-country', 'none', 'Country from IP'],
  ['37', 'GET', `${I}/geolocation`, 'identity', 'identity.geo.geolocation', 'none', 'Geolocation info'],
  ['38', 'POST', `${I}/users/get`, 'identity', 'identity.users.get', 'sys-admin', 'List users or read one profile'],
  ['39', 'POST', `${I}/user/scans`, 'rewards', 'rewards.user.scans', 'sys-admin', 'Read user scans'],
  ['40', 'POST', `${I}/user/notification_settings`, 'identity', 'identity.user.notification-settings', 'sys-admin', "User's notification settings"],
  ['41', 'POST', `${I}/user/rewards`, 'rewards', 'rewards.user.rewards', 'sys-admin', 'Read user rewards'],
  ['42', 'POST', `${I}/user/buddies`, 'rewards', 'rewards.user.buddies', 'sys-admin', 'Read user buddies'],
  ['43', 'POST', `${I}/user/reminders`, 'rewards', 'rewards.user.reminders', 'sys-admin', 'Sent reminders'],
  ['44', 'POST', `${I}/user/timeline`, 'rewards', 'rewards.user.timeline', 'sys-admin', 'Read user timeline'],
  ['45', 'POST', `${I}/user/level`, 'rewards', 'rewards.user.level', 'sys-admin', 'Read user level info'],
  ['46', 'POST', `${I}/user/contributor_level`, 'rewards', 'rewards.user.contributor-level', 'sys-admin', 'Read contributor info'],
  ['47', 'POST', '/user/transactions', 'rewards', 'rewards.user.transactions', 'sys-admin', 'Read transactions list', true],
  ['48', 'PUT', `${I}/user/transactions/cashouts/:cashout_id/:status`, 'rewards', 'rewards.cashout.set-status', 'sys-admin', 'Change cashout status'],
  ['49', 'POST', '/user/permanently_block/get', 'identity', 'identity.block.get', 'sys-admin', 'Permanent block status', true],
  ['50', 'POST', '/user/permanently_block/set', 'identity', 'identity.block.set', 'sys-admin', 'Set permanent block', true],
  ['51', 'POST', '/user/permanently_block/unset', 'identity', 'identity.block.unset', 'sys-admin', 'Unset permanent block', true],
  ['52', 'POST', '/user/rewards_ban/get', 'rewards', 'rewards.ban.get', 'sys-admin', 'Rewards ban history', true],
  ['53', 'POST', '/user/rewards_ban/set', 'rewards', 'rewards.ban.set', 'sys-admin', 'Set rewards ban', true],
  ['54', 'POST', '/user/rewards_ban/unset', 'rewards', 'rewards.ban.unset', 'sys-admin', 'Unset rewards ban', true],
  ['55', 'POST', '/user/timeline/message', 'rewards', 'rewards.timeline.message', 'sys-admin', 'Publish message to timeline', true],
  ['56', 'POST', '/user/verifications/phone/reset', 'identity', 'identity.phone-verification.reset', 'sys-admin', 'Reset phone verification blocking', true],
  ['57', 'GET', `${I}/user/transactions/hashes/:hash`, 'rewards', 'rewards.transactions.by-hash', 'sys-admin', 'Users by transaction hash'],
  ['58', 'POST', `${I}/participants`, 'participants-billing', 'billing.participants.list', 'system', 'List participants'],
  ['59', 'GET', `${I}/participants/participant/:id`, 'participants-billing', 'billing.participant.get', 'system', 'Participant profile'],
  ['60', 'PUT', `${I}/participants/participant/:id/payment`, 'participants-billing', 'billing.payment.paid-period', 'system', 'Paid period'],
  ['61', 'PUT', `${I}/participants/participant/:id/payment/trial`, 'participants-billing', 'billing.payment.trial', 'system', 'Trial period'],
  ['62', 'DELETE', `${I}/participants/participant/:id/payment/customer`, 'participants-billing', 'billing.payment.delete-customer', 'system', 'Remove card data'],
  ['63', 'PUT', `${I}/participants/participant/:id/deposit/fee`, 'participants-billing', 'billing.deposit.set-fee', 'system', 'Transactions fee'],
  ['64', 'GET', `${I}/participants/participant/:id/deposit`, 'participants-billing', 'billing.deposit.get', 'system', 'Balance, fee, top-up'],
  ['65', 'DELETE', `${I}/participants/participant/:id`, 'participants-billing', 'billing.participant.delete', 'system', 'Delete participant and coupled data'],
  ['66', 'GET', '/users/certificates', 'certificates', 'certificates.user.list', 'ticket', 'Active and archival user certificates'],
  ['67', 'GET', '/external/payment-certificate', 'certificates', 'certificates.payment.list', 'api-key', 'All payment certificates'],
  ['70', 'POST', '/external/payment-certificate/bulk-create', 'certificates', 'certificates.payment.bulk-create', 'api-key', 'Create many (all or nothing)'],
  ['71', 'PUT', '/external/payment-certificate/bulk-update', 'certificates', 'certificates.payment.bulk-update', 'api-key', 'Update many (all or nothing)'],
  ['68', 'GET', '/external/payment-certificate/:id', 'certificates', 'certificates.payment.get', 'api-key', 'One payment certificate'],
  ['69', 'PUT', '/external/payment-certificate/:id', 'certificates', 'certificates.payment.update', 'api-key', 'Update one payment certificate'],
];

/** Documented routes (ENDPOINTS.md) followed by routes our services add (extra-routes.ts). */
export const HTTP_ROUTES: readonly HttpRoute[] = [...ROWS, ...EXTRA_ROUTE_ROWS].map(
  ([row, method, path, service, pattern, auth, summary, alsoUnderIdentityPrefix]) => ({
    row, method, path, service, pattern, auth, summary, ...(alsoUnderIdentityPrefix ? { alsoUnderIdentityPrefix } : {}),
  }),
);

/** Every path a route is served under (`/user/...` rows also under `/identity-service/user/...`). */
export function servedPaths(route: HttpRoute): string[] {
  return route.alsoUnderIdentityPrefix ? [route.path, `${I}${route.path}`] : [route.path];
}
