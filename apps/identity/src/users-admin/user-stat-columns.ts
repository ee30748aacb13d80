/**
 * Statistics that other services own, kept in identity's read model `user_stats` (one row per
 * user, created by a trigger) and fed by the `user.stats` event. Names as the users admin doc.
 */
const WIDGETS = ['popup', 'text', 'image', 'link', 'video', 'status', 'nutrition_info', 'certificates', 'follow_fb', 'social_networks'];

export const INT_STATS = [
  'total_scans', 'total_days_with_scans', 'total_days_without_scans', 'total_active_days_ratio', 'total_inactive_days_ratio',
  'total_buddies', 'total_cashout_transactions', 'total_linked_bank_accounts', 'total_erc20_accounts', 'total_erc20_transactions',
  'total_scans_with_uncollected_coins',
  ...WIDGETS.map((w) => `total_timeline_widget_${w}`),
  'total_timeline_scans', 'total_timeline_reviews', 'total_timeline_minutes',
  ...WIDGETS.map((w) => `system_rewarded_widget_${w}`),
  ...WIDGETS.map((w) => `brand_rewarded_widget_${w}`),
] as const;

export const FLOAT_STATS = [
  'total_avearage_scans_per_active_day', 'total_cashout_value_usd', 'total_cashout_value_aud', 'total_cashout_value_sgd', 'total_cashout_value_rub',
] as const;

/** 18-decimal coin amounts: numeric(78,0), strings in JSON. */
export const COIN_STATS = ['total_balance', 'account_balance', 'total_cashout_value_shping', 'total_erc20_value_shping', 'total_uncollected_coins'] as const;

/** Counted per day in `user_stat_days` so the `date_and_quantity` filter can sum a date range. */
export const DAILY_STATS = [
  'total_buddies_invitations_sent', 'total_buddies_received_invitations_accepted', 'total_buddies_invitations_accepted',
  'total_reviews_accepted', 'total_reviews_deleted', 'total_reviews_rejected', 'total_reviews_pending',
] as const;

export const TEXT_STATS = ['level', 'contributor_status', 'rewards_ban_status'] as const;
export const TIME_STATS = ['last_access', 'rewards_ban_from', 'rewards_ban_to'] as const;

export const LEVELS = ['basic', 'bronze', 'silver', 'gold', 'platinum'] as const;
export const LINKED_FLAGS: Record<string, string> = {
  linked_twitter_flag: 'twitter', linked_instagram_flag: 'instagram', linked_phone_flag: 'phone', linked_fb_flag: 'facebook',
  linked_wechat_flag: 'wechat', linked_google_flag: 'google', linked_vk_flag: 'vk', linked_email_flag: 'email',
};
