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
  /** ScanInput → InputResult (claims created, unless a rewards ban is active). */
  Scan: 'rewards.input.scan',
  /** ContributionInput → InputResult (review: writing_reviews claim). */
  Review: 'rewards.input.review',
  /** ContributionInput → InputResult (adding_new claim). */
  ProductAdded: 'rewards.input.product-added',
  /** ContributionInput → InputResult (editing_product claim). */
  ProductEdited: 'rewards.input.product-edited',
  /** ContributionInput → InputResult (submitting_lifehack claim). */
  LifeHack: 'rewards.input.lifehack',
  /** BuddyInvitationSentInput → InputResult. */
  BuddyInvitationSent: 'rewards.input.buddy-invitation-sent',
  /** BuddyInvitationAcceptedInput → InputResult. */
  BuddyInvitationAccepted: 'rewards.input.buddy-invitation-accepted',
  /** CashoutInput → InputResult (`transaction_id`); coins (and fee) leave the balance. */
  Cashout: 'rewards.input.cashout',
  /** DepositInput → InputResult (`transaction_id`). */
  Deposit: 'rewards.input.deposit',
  /** WidgetViewInput → InputResult. */
  WidgetView: 'rewards.input.widget-view',
  /** ClaimDecisionInput → InputResult: pending → approved / rejected. */
  ClaimDecide: 'rewards.input.claim-decision',
  /** { userId } → UserAccountSummary (events.ts): identity asks when its copy is missing or past validUntil. */
  AccountLevelInfo: 'rewards.account.level-info',
  /** UserStatsBatchRequest → UserStatsBatchResult (identity-admin.ts): identity's reconciliation of its users admin read model. */
  UserStatsBatch: 'rewards.user-stats.batch',
  /** sys-admin session; {} → LedgerCheckResult. */
  LedgerCheck: 'rewards.ledger.check',
  /** sys-admin session; { job: 'month-end' | 'reminders', now?: ISO date } → job summary (runs it now). */
  JobRun: 'rewards.jobs.run',
  /** Forwarded sys-admin session; AuditListRequest → AuditEventView[]: identity gathers the audit trail. */
  AuditList: 'rewards.audit.list',
} as const;

export interface InputBase {
  /** Unique per input message; the same key twice changes nothing. */
  idempotency_key: string;
  user_id: string;
}

export interface InputResult {
  duplicate: boolean;
  [key: string]: unknown;
}

/** A scan as the doc's scan records: the request headers and location travel in `headers` / fields. */
export interface ScanInput extends InputBase {
  scan_id?: string;
  code: string;
  product_id?: string;
  product_name?: string;
  image_url?: string;
  event_ts?: string;
  latitude?: string;
  longitude?: string;
  accuracy?: string;
  city?: string;
  country?: string;
  language?: string;
  /** Request headers of the scan (user-agent, accept-language, x-real-ip, ...), kept as in the doc. */
  headers?: Record<string, string>;
  /** Campaigns besides the system campaign `urn:authenticateit:campaign:1`. */
  campaigns?: string[];
}

export type ContributionStatus = 'pending' | 'accepted' | 'rejected' | 'deleted';
export interface ContributionInput extends InputBase {
  /** Review id, product code, life-hack id: the same ref with a new status moves its claim. */
  ref: string;
  status: ContributionStatus;
  ts?: string;
}

export interface BuddyInvitationSentInput extends InputBase { invitation_id: string; ts?: string }
export interface BuddyInvitationAcceptedInput extends InputBase {
  invitation_id?: string;
  buddy_id: string;
  buddy_first_name?: string;
  buddy_last_name?: string;
  buddy_photo?: string;
  status?: string;
  ts?: string;
}

export interface BankAccount {
  account: string; bank: string; bsb?: string; city?: string; country?: string; description?: string; id: string; name: string;
}
export interface CashoutInput extends InputBase {
  type: 'bank' | 'erc20';
  coins: string;
  fee?: string;
  account?: BankAccount;
  currency?: string;
  converted_value?: number;
  converted_usd_value?: number;
  address?: string;
  coins_wei_rate?: number;
  wei?: number;
  hash?: string | null;
  ts?: string;
}
export interface DepositInput extends InputBase { coins: string; hash?: string; ts?: string }

export interface WidgetViewInput extends InputBase {
  widget: 'popup' | 'text' | 'image' | 'link' | 'video' | 'status' | 'nutrition_info' | 'certificates' | 'follow_fb' | 'social_networks' | 'scans' | 'reviews' | 'minutes';
  ts?: string;
}

export interface ClaimDecisionInput extends InputBase { claim_id: string; status: 'approved' | 'rejected' }

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
