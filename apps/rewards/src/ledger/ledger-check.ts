import type { DataSource } from 'typeorm';
import type { LedgerCheckResult } from '#libs/contracts';

/** Re-derives every balance from the ledger and lists the users whose stored balance differs. */
export async function checkLedger(ds: Pick<DataSource, 'query'>): Promise<LedgerCheckResult> {
  const rows = await ds.query(`
    WITH derived AS (
      SELECT user_id, sum(coins_delta) AS coins, sum(pending_delta) AS pending_coins
      FROM rewards.ledger_entries GROUP BY user_id
    )
    SELECT coalesce(b.user_id, d.user_id) AS user_id,
           coalesce(b.coins, 0)::text AS coins, coalesce(d.coins, 0)::text AS derived_coins,
           coalesce(b.pending_coins, 0)::text AS pending_coins, coalesce(d.pending_coins, 0)::text AS derived_pending_coins,
           (coalesce(b.coins, 0) <> coalesce(d.coins, 0) OR coalesce(b.pending_coins, 0) <> coalesce(d.pending_coins, 0)) AS differs
    FROM rewards.balances b FULL OUTER JOIN derived d ON d.user_id = b.user_id`) as (LedgerCheckResult['differences'][number] & { differs: boolean })[];
  return {
    users: rows.length,
    differences: rows.filter((r) => r.differs).map(({ differs: _, ...r }) => r),
  };
}
