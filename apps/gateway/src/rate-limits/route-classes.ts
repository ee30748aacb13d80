import { type HttpRoute, IdentityPattern, BillingPattern } from '#libs/contracts';

/** Every route belongs to one class; each class has its own limit per client (RATE_LIMIT_*). */
export type RateClass = 'sign-in' | 'code-sending' | 'account-creation' | 'external-api' | 'reads' | 'writes';

export const RATE_CLASSES: readonly RateClass[] = ['sign-in', 'code-sending', 'account-creation', 'external-api', 'reads', 'writes'];

/** Routes that check a credential or a code (guessing targets). */
const SIGN_IN = new Set<string>([
  IdentityPattern.SessionCreate, IdentityPattern.AccountOauth, IdentityPattern.PhoneVerifyCode,
  IdentityPattern.PasswordRestore, IdentityPattern.PhoneResetPassword, IdentityPattern.AccountCheck,
]);

/** Routes that send a mail or an SMS (each costs money and reaches a person). */
const CODE_SENDING = new Set<string>([
  IdentityPattern.PhoneSendCode, IdentityPattern.PasswordRestoreRequest, IdentityPattern.AccountResendCode,
  IdentityPattern.PhoneVerificationSend,
]);

const ACCOUNT_CREATION = new Set<string>([IdentityPattern.AccountCreate, BillingPattern.ParticipantRegister]);

export function rateClassOf(route: HttpRoute): RateClass {
  if (route.auth === 'api-key') return 'external-api';
  if (SIGN_IN.has(route.pattern)) return 'sign-in';
  if (CODE_SENDING.has(route.pattern)) return 'code-sending';
  if (ACCOUNT_CREATION.has(route.pattern)) return 'account-creation';
  return route.method === 'GET' ? 'reads' : 'writes';
}

/** The env variable that sets a class's limit, e.g. RATE_LIMIT_SIGN_IN. */
export const rateLimitVariable = (rateClass: RateClass) => `RATE_LIMIT_${rateClass.toUpperCase().replace(/-/g, '_')}` as const;
