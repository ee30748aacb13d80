import { CertificatesPattern } from './patterns/certificates.js';
import { BillingPattern } from './patterns/participants-billing.js';
import { RewardsPattern } from './patterns/rewards.js';

/**
 * Patterns that no service of this repository calls: entry points for the internal services
 * around us (scan ingestion, product reviews, wallets, operators' tools), documented in README
 * "Calling our services". Every other handled pattern must be routed or sent by one of ours.
 */
export const OUTSIDE_CALLER_PATTERNS: readonly string[] = [
  // what users do in the apps, reported by the services that see it (scanner, reviews, buddies, wallet)
  RewardsPattern.Scan, RewardsPattern.Review, RewardsPattern.ProductAdded, RewardsPattern.ProductEdited,
  RewardsPattern.LifeHack, RewardsPattern.BuddyInvitationSent, RewardsPattern.BuddyInvitationAccepted,
  RewardsPattern.Cashout, RewardsPattern.Deposit, RewardsPattern.WidgetView, RewardsPattern.ClaimDecide,
  // operators' tools
  RewardsPattern.LedgerCheck, RewardsPattern.JobRun, BillingPattern.ParticipantDeletionStatus,
  // brands' campaigns: coins paid from a participant's deposit, certificates handed to users
  BillingPattern.DepositCharge, BillingPattern.DepositCredit, BillingPattern.DepositSetTopup, CertificatesPattern.UserIssue,
];
