import type { DataSource, EntityManager } from 'typeorm';
import type { InputResult } from '#libs/contracts';

/**
 * Runs `work` once per idempotency key, in one transaction with the key's row: a redelivered
 * message (even concurrently: the second insert waits for the first commit) answers the
 * first result with `duplicate: true` and writes nothing.
 */
export async function onceper(ds: DataSource, key: string, kind: string, work: (m: EntityManager) => Promise<Record<string, unknown>>): Promise<InputResult> {
  return ds.transaction(async (m) => {
    const inserted = await m.query(
      'INSERT INTO rewards.processed_inputs (idempotency_key, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING idempotency_key',
      [key, kind],
    ) as unknown[];
    if (inserted.length === 0) {
      const rows = await m.query('SELECT result FROM rewards.processed_inputs WHERE idempotency_key = $1', [key]) as { result: Record<string, unknown> }[];
      return { ...rows[0]?.result, duplicate: true };
    }
    const result = await work(m);
    await m.query('UPDATE rewards.processed_inputs SET result = $2 WHERE idempotency_key = $1', [key, JSON.stringify(result)]);
    return { ...result, duplicate: false };
  });
}
