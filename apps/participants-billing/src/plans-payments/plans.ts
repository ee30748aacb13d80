import { BILLING_PLANS, type BillingPlan } from '#libs/contracts';
import { BillingErrorCode, billingError } from '../common/billing-errors.js';

/** Display names as the doc maps them; `custom` means no plan has been set. */
export const PLAN_DISPLAY_NAMES: Record<BillingPlan, string> = {
  custom: 'Custom',
  basic: 'Essentials',
  light: 'Professional',
  complete: 'Professional+',
  'complete+': 'Enterprise',
  corporate: 'Unlimited',
};

export const DEFAULT_REGISTRATION_PLAN: BillingPlan = 'basic';
export const TRIAL_DAYS = 30;

export function isPlan(value: unknown): value is BillingPlan {
  return typeof value === 'string' && (BILLING_PLANS as readonly string[]).includes(value);
}

export function requirePlan(value: unknown, field = 'plan'): BillingPlan {
  if (!isPlan(value)) {
    throw billingError(BillingErrorCode.UnknownPlan, `Unknown plan; one of ${BILLING_PLANS.join(', ')}`,
      [{ field, errors: [`must be one of ${BILLING_PLANS.join(', ')}`] }]);
  }
  return value;
}
