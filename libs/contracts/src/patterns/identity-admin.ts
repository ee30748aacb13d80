/**
 * Identity's users admin read model: services that own a user statistic (rewards: scans, levels,
 * balances, buddies, reviews, timeline widgets; billing: cashouts...) emit `Events.UserStats` so that
 * `POST /users/get` can filter and sort by it. Column names are the doc's (users/get).
 */
export interface UserStatsEvent {
  userId: string;
  /** Current values (idempotent; preferred): e.g. { total_scans: 13, level: 'gold', total_balance: '2950000000000000000000' }. */
  set?: Record<string, number | string | null>;
  /**
   * Increments of counters. The date_and_quantity metrics (total_reviews_*, total_buddies_invitations_*)
   * and the *_rewarded_widget_* counters are also counted per `day` for the date filters.
   */
  add?: Record<string, number>;
  /** YYYY-MM-DD of the `add` increments (default: today, UTC). */
  day?: string;
}
