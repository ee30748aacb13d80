import type { FeeView, TopupView } from '#libs/contracts';
import { hundredthsToPercent } from './fee-math.js';
import type { FeeSetting } from './fee-setting.entity.js';
import type { TopupSetting } from './topup-setting.entity.js';
import { isoSeconds } from '#libs/contracts';

export function feeView(fee: FeeSetting | null): FeeView | null {
  if (!fee) return null;
  return {
    source: fee.source,
    status: fee.status,
    ts: isoSeconds(fee.updatedAt)!,
    type: fee.type,
    value: fee.type === 'percentages' ? hundredthsToPercent(fee.percentHundredths!) : fee.coins!,
  };
}

export function topupView(topup: TopupSetting | null): TopupView | null {
  if (!topup) return null;
  return {
    amount: topup.amount,
    coins_threshold: topup.coinsThreshold,
    currency: topup.currency,
    frequency: topup.frequency,
    minimal_amount: topup.minimalAmount,
    status: topup.status,
  };
}
