/**
 * Message patterns of the rewards service that other services call (HTTP routes are in
 * http-routes.ts). Every input carries `idempotency_key`: a redelivery changes nothing and
 * answers the first result again. Coin amounts are strings of 18-decimal integers.
 */
export const RewardsPattern = {
  // HTTP routes
  LevelMine: 'rewards.level.mine',
  EarningsMine: 'rewards.earnings.mine',
  UserScans: 'rewards.user.scans',
  UserRewards: 'rewards.user.rewards',
  UserBuddies: 'rewards.user.buddies',
  UserReminders: 'rewards.user.reminders',
  UserTimeline: 'rewards.user.timeline',
  UserLevel: 'rewards.user.level',
  UserContributorLevel: 'rewards.user.contributor-level',
  UserTransactions: 'rewards.user.transactions',
  CashoutSetStatus: 'rewards.cashout.set-status',
  BanGet: 'rewards.ban.get',
  BanSet: 'rewards.ban.set',
  BanUnset: 'rewards.ban.unset',
  TimelineMessage: 'rewards.timeline.message',
  TransactionsByHash: 'rewards.transactions.by-hash',
  // service to service
  /** ScanInputDto → InputResult (claims created, unless a rewards ban is active). */
  Scan: 'rewards.input.scan',
  /** ContributionInputDto → InputResult (review: writing_reviews claim). */
  Review: 'rewards.input.review',
  /** ContributionInputDto → InputResult (adding_new claim). */
  ProductAdded: 'rewards.input.product-added',
  /** ContributionInputDto → InputResult (editing_product claim). */
  ProductEdited: 'rewards.input.product-edited',
  /** ContributionInputDto → InputResult (submitting_lifehack claim). */
  LifeHack: 'rewards.input.lifehack',
  /** BuddySentDto → InputResult. */
  BuddyInvitationSent: 'rewards.input.buddy-invitation-sent',
  /** BuddyAcceptedDto → InputResult. */
  BuddyInvitationAccepted: 'rewards.input.buddy-invitation-accepted',
  /** CashoutInputDto → InputResult (`transaction_id`); coins (and fee) leave the balance. */
  Cashout: 'rewards.input.cashout',
  /** DepositInputDto → InputResult (`transaction_id`). */
  Deposit: 'rewards.input.deposit',
  /** WidgetViewDto → InputResult. */
  WidgetView: 'rewards.input.widget-view',
  /** ClaimDecisionDto → InputResult: pending → approved / rejected. */
  ClaimDecide: 'rewards.input.claim-decision',
  /** AccountLevelInfoRequestDto → UserAccountSummary (events.ts): identity asks when its copy is missing or past validUntil. */
  AccountLevelInfo: 'rewards.account.level-info',
  /** UserStatsBatchDto → UserStatsBatchResult (identity-admin.ts): identity's reconciliation of its users admin read model. */
  UserStatsBatch: 'rewards.user-stats.batch',
  /** sys-admin session; {} → LedgerCheckResult. */
  LedgerCheck: 'rewards.ledger.check',
  /** sys-admin session; JobRunDto → job summary (runs it now). */
  JobRun: 'rewards.jobs.run',
  /** Forwarded sys-admin session; AuditListRequest → AuditEventView[]: identity gathers the audit trail. */
  AuditList: 'rewards.audit.list',
} as const;

export interface InputResult {
  duplicate: boolean;
  [key: string]: unknown;
}

export interface LevelInfo {
  current_percentages: number;
  level_icon: string;
  level_name: string;
  level_type: string;
  max_percentages: number;
  short_description: string;
}
export interface DashboardActivity { id: string; max_value: number; value: number }
export interface DashboardInfo {
  activities: DashboardActivity[];
  boost: null | { base_level: string; base_level_activity: DashboardActivity[]; end_date: string };
  date_from: string;
  date_to: string;
  level: string;
  level_next: string;
  percents: number;
  type: 'permanent' | 'coins_platinum' | 'coins_gold' | 'boosted' | 'earned';
}
export interface AccountLevelInfo { level_info: LevelInfo; dashboard_info: DashboardInfo }

export interface LedgerDifference { user_id: string; coins: string; derived_coins: string; pending_coins: string; derived_pending_coins: string }
export interface LedgerCheckResult { users: number; differences: LedgerDifference[] }
