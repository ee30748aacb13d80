import { INVITATION_DAY_METRICS, REVIEW_DAY_METRICS, TIMELINE_WIDGETS } from '#libs/contracts';

/**
 * The columns of identity's users admin read model `user_search` (migration 1767400000020), named
 * as the users admin doc names them. Statistics other services own arrive in `user.stats` events.
 */
export const WIDGET_STATS = [...TIMELINE_WIDGETS.map((w) => `total_timeline_widget_${w}`), 'total_timeline_scans', 'total_timeline_reviews', 'total_timeline_minutes'];
/** Documented "quantity" filters that no service feeds yet (they stay 0). */
export const REWARDED_WIDGET_STATS = [...TIMELINE_WIDGETS.map((w) => `system_rewarded_widget_${w}`), ...TIMELINE_WIDGETS.map((w) => `brand_rewarded_widget_${w}`)];

export const INT_STATS = [
  'total_scans', 'total_days_with_scans', 'total_buddies', 'total_cashout_transactions', 'total_linked_bank_accounts', 'total_erc20_accounts',
  'total_erc20_transactions', 'total_scans_with_uncollected_coins', ...WIDGET_STATS, ...REWARDED_WIDGET_STATS,
];
export const FLOAT_STATS = ['total_cashout_value_usd', 'total_cashout_value_aud', 'total_cashout_value_sgd', 'total_cashout_value_rub'];
/** 18-decimal coin amounts: numeric(78,0), strings in JSON. */
export const COIN_STATS = ['total_balance', 'account_balance', 'total_cashout_value_shping', 'total_erc20_value_shping', 'total_uncollected_coins'];
/** date_and_quantity metrics: their totals are columns, their days rows of user_search_days. */
export const DAILY_STATS: readonly string[] = [...INVITATION_DAY_METRICS, ...REVIEW_DAY_METRICS];

/** user_search_days.metric codes, as the migration seeded identity.day_metrics. */
export const DAY_METRIC_CODES: ReadonlyMap<string, number> = new Map([
  'total_buddies_invitations_sent', 'total_buddies_received_invitations_accepted', 'total_buddies_invitations_accepted',
  'total_reviews_accepted', 'total_reviews_deleted', 'total_reviews_rejected', 'total_reviews_pending', ...REWARDED_WIDGET_STATS,
].map((name, i) => [name, i + 1]));

/** Days since registration (the first day counts), in UTC. */
const DAYS_REGISTERED = `((now() AT TIME ZONE 'UTC')::date - (x.created_at AT TIME ZONE 'UTC')::date + 1)`;
const ACTIVE_RATIO = `least(100, round(100.0 * x.total_days_with_scans / greatest(${DAYS_REGISTERED}, 1)))::int`;

/**
 * Statistics derived when read: they change every day without any event (days without scans,
 * ratios) or follow from two stored ones (the average). SQL over `x` (user_search).
 */
export const COMPUTED_STATS: ReadonlyMap<string, { sql: string; type: 'int' | 'float' }> = new Map([
  ['total_days_without_scans', { sql: `greatest(${DAYS_REGISTERED} - x.total_days_with_scans, 0)`, type: 'int' }],
  ['total_active_days_ratio', { sql: ACTIVE_RATIO, type: 'int' }],
  ['total_inactive_days_ratio', { sql: `(100 - ${ACTIVE_RATIO})`, type: 'int' }],
  ['total_avearage_scans_per_active_day', { sql: `(CASE WHEN x.total_days_with_scans > 0 THEN round(x.total_scans::numeric / x.total_days_with_scans, 2) ELSE 0 END)::float8`, type: 'float' }],
]);

/** A rewards ban is in force between its start and its end (or when it was lifted). */
export const REWARDS_BAN_ACTIVE = `coalesce(x.rewards_ban_from <= now() AND x.rewards_ban_to > now(), false)`;

export const LEVELS = ['basic', 'bronze', 'silver', 'gold', 'platinum'] as const;

/** Bits of user_search.linked (identity.reg_type_bit): the registration types a user has, own and merged. */
export const LINKED_FLAGS: ReadonlyMap<string, { type: string; bit: number }> = new Map([
  ['linked_email_flag', { type: 'email', bit: 1 }], ['linked_phone_flag', { type: 'phone', bit: 2 }], ['linked_fb_flag', { type: 'facebook', bit: 4 }],
  ['linked_google_flag', { type: 'google', bit: 8 }], ['linked_twitter_flag', { type: 'twitter', bit: 16 }], ['linked_instagram_flag', { type: 'instagram', bit: 32 }],
  ['linked_vk_flag', { type: 'vk', bit: 64 }], ['linked_wechat_flag', { type: 'wechat', bit: 128 }],
]);

/** Bits of user_search.devices (identity.device_mask) by the doc's device names. */
export const DEVICE_BITS: ReadonlyMap<string, number> = new Map([['ios', 1], ['android', 2], ['andriod', 2], ['baidu', 4]]);
export const DEVICE_NAMES: readonly [number, string][] = [[1, 'ios'], [2, 'android'], [4, 'baidu']];

/** Every mask value of `width` bits that has `bit` set: `mask = ANY(...)` can use a btree, `mask & bit` cannot. */
export function masksWith(bit: number, width: number): number[] {
  return Array.from({ length: 1 << width }, (_, m) => m).filter((m) => (m & bit) !== 0);
}
