/**
 * Identity's users admin read model: rewards owns most of what `POST /users/get` shows (scans,
 * balances, level, buddies, reviews, cashouts, widgets, bans) and sends it as `Events.UserStats`,
 * or answers it on request (`RewardsPattern.UserStatsBatch`, for the reconciliation). Field names
 * are the doc's (users/get).
 *
 * Every event carries absolute values (what rewards' tables say now, never an increment), grouped
 * in parts. All parts of one event share a `version` taken from one sequence while rewards holds a
 * lock on the user, so a later snapshot of a user always has a higher version: identity applies a
 * part only when its version is higher than the one it holds. A redelivered or overtaken event
 * therefore changes nothing. Rewards sends the snapshots of one round as one `UserStatsBatchEvent`
 * (identity also accepts a single `UserStatsEvent` under the same name, as sent before).
 */
export const USER_STATS_PARTS = ['coins', 'scans', 'cashouts', 'buddies', 'widgets', 'level', 'ban', 'reviews', 'invitations'] as const;
export type UserStatsPart = (typeof USER_STATS_PARTS)[number];

export const TIMELINE_WIDGETS = ['popup', 'text', 'image', 'link', 'video', 'status', 'nutrition_info', 'certificates', 'follow_fb', 'social_networks'] as const;

/** The date_and_quantity metrics: counted per day (UTC) so a date range can be summed. */
export const REVIEW_DAY_METRICS = ['total_reviews_accepted', 'total_reviews_deleted', 'total_reviews_rejected', 'total_reviews_pending'] as const;
export const INVITATION_DAY_METRICS = ['total_buddies_invitations_sent', 'total_buddies_invitations_accepted', 'total_buddies_received_invitations_accepted'] as const;
export type DayMetric = (typeof REVIEW_DAY_METRICS)[number] | (typeof INVITATION_DAY_METRICS)[number];

/** Complete per-day series of a metric: `YYYY-MM-DD` → count (days without any are absent). */
export type DaySeries = Record<string, number>;

export interface UserStatsValues {
  /** Spendable coins (18-decimal integer string); `account_balance` is the same balance. */
  coins: { total_balance: string; account_balance: string; total_uncollected_coins: string; total_scans_with_uncollected_coins: number };
  /** Days with scans are counted in the user's time zone. */
  scans: { total_scans: number; total_days_with_scans: number };
  /** Cashouts that did not fail (a failed one was refunded). */
  cashouts: {
    total_cashout_transactions: number; total_cashout_value_shping: string; total_linked_bank_accounts: number;
    total_cashout_value_usd: number; total_cashout_value_aud: number; total_cashout_value_sgd: number; total_cashout_value_rub: number;
    total_erc20_transactions: number; total_erc20_value_shping: string; total_erc20_accounts: number;
  };
  buddies: { total_buddies: number };
  /** `total_timeline_widget_<widget>` for each of TIMELINE_WIDGETS, and the timeline scans, reviews and minutes. */
  widgets: Record<string, number>;
  level: { level: string };
  /** The latest ban (ISO times; `rewards_ban_to` is when it ended or ends); identity derives the status from the clock. */
  ban: { rewards_ban_from: string | null; rewards_ban_to: string | null };
  reviews: Record<(typeof REVIEW_DAY_METRICS)[number], DaySeries>;
  invitations: Record<(typeof INVITATION_DAY_METRICS)[number], DaySeries>;
}

export interface UserStatsEvent {
  userId: string;
  /** A bigint as a decimal string: orders the snapshots of one user. */
  version: string;
  /** The parts this snapshot carries (each complete); the others are unchanged. */
  parts: Partial<UserStatsValues>;
}

/** `Events.UserStats` as rewards emits it: the snapshots of several users (each its own version). */
export interface UserStatsBatchEvent { users: UserStatsEvent[] }
/** Snapshots per `user.stats` event at most (a round of the emitter may take several events). */
export const USER_STATS_EVENT_MAX = 200;

/** Users rewards does not know (no input yet) are answered with zero values. */
export interface UserStatsBatchResult { users: UserStatsEvent[] }
export const USER_STATS_BATCH_MAX = 1000;
