import type { EntityManager } from 'typeorm';
import type { TopupPaymentsRepository } from './topup-payments.repository.js';
import type { TopupSetting } from './topup-setting.entity.js';
import { COINS_PER_MINOR_UNIT } from './topup-rate.js';

/** The participant's top-up setting as the charge's locked row read it (null columns: none set). */
export interface LockedTopup {
  topup_status: TopupSetting['status'] | null;
  topup_amount: number | null;
  topup_currency: string | null;
  topup_threshold: string | null;
  topup_frequency: TopupSetting['frequency'] | null;
  topup_updated_at: Date | null;
}

/** At most one top-up attempt per period since the setting was last saved (a declined card is not retried in a loop). */
const WINDOW: Record<TopupSetting['frequency'], string> = { daily: '1 day', weekly: '7 days', monthly: '1 month' };

/**
 * Inside a charge's transaction, with the participant's balance row locked: when the charge
 * leaves the balance below an active setting's threshold, opens one `pending` top-up (its id),
 * leased to the caller for `leaseSeconds`. Concurrent charges queue on the row lock, so each
 * sees the one opened before it; the unique partial index backs this up.
 */
export async function openTopupIfDue(topups: TopupPaymentsRepository, manager: EntityManager, participantId: string, setting: LockedTopup,
  balanceAfter: bigint, leaseSeconds: number): Promise<string | null> {
  if (setting.topup_status !== 'active' || setting.topup_threshold === null || balanceAfter >= BigInt(setting.topup_threshold)) return null;
  const rate = COINS_PER_MINOR_UNIT[setting.topup_currency ?? ''];
  if (rate === undefined || !setting.topup_amount || !setting.topup_frequency) return null;
  return topups.openIfDue(manager, {
    participantId, amount: setting.topup_amount, currency: setting.topup_currency!, coins: BigInt(setting.topup_amount) * rate, leaseSeconds,
    settingSavedAt: setting.topup_updated_at, window: WINDOW[setting.topup_frequency],
  });
}
