import { BILLING_PLANS, type BillingPlan } from '#libs/contracts';
import { BillingErrorCode, billingError } from '../common/billing-errors.js';

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

export interface Price { amount: number; currency: string }

/**
 * The one place plan prices live: per month, in the currency's minor units (cents). `custom`
 * (no plan set) costs nothing, so a period on it is never charged.
 */
export const PLAN_MONTHLY_PRICES: Record<BillingPlan, Price | null> = {
  custom: null,
  basic: { amount: 4_900, currency: 'aud' },
  light: { amount: 14_900, currency: 'aud' },
  complete: { amount: 29_900, currency: 'aud' },
  'complete+': { amount: 59_900, currency: 'aud' },
  corporate: { amount: 149_900, currency: 'aud' },
};

/** Calendar months a paid period covers, a started month counting whole (2019-02-01..2019-09-01 is 7); at least 1. */
export function periodMonths(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  const months = (ty - fy) * 12 + (tm - fm) + (td > fd ? 1 : 0);
  return Math.max(1, months);
}

/** What a paid period of `plan` from `from` to `to` costs; null when it is free. */
export function periodPrice(plan: BillingPlan, from: string, to: string): Price | null {
  const monthly = PLAN_MONTHLY_PRICES[plan];
  return monthly ? { amount: monthly.amount * periodMonths(from, to), currency: monthly.currency } : null;
}
