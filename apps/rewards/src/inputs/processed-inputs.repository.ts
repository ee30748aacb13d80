import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InputResult } from '#libs/contracts';
import { SqlRepository } from '../common/sql-repository.js';
import { bodyDigest, keyReused, otherBody } from './body-digest.js';

/** rewards.processed_inputs: every input's idempotency key, body digest and first result. */
@Injectable()
export class ProcessedInputsRepository extends SqlRepository {
  /**
   * Runs `work` once per idempotency key, in one transaction with the key's row: a redelivered
   * message (even concurrently: the second insert waits for the first commit) answers the
   * first result with `duplicate: true` and writes nothing. The key with another body (or kind)
   * answers a conflict and writes nothing either.
   */
  async once(key: string, kind: string, body: object, work: (m: EntityManager) => Promise<Record<string, unknown>>): Promise<InputResult> {
    const digest = bodyDigest(kind, body);
    return this.ds.transaction(async (m) => {
      const inserted = await m.query(
        'INSERT INTO rewards.processed_inputs (idempotency_key, kind, body_digest) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING idempotency_key',
        [key, kind, digest],
      ) as unknown[];
      if (inserted.length === 0) {
        const rows = await m.query('SELECT result, body_digest FROM rewards.processed_inputs WHERE idempotency_key = $1', [key]) as { result: Record<string, unknown>; body_digest: Buffer | null }[];
        if (otherBody(rows[0]?.body_digest, digest)) throw keyReused();
        return { ...rows[0]?.result, duplicate: true };
      }
      const result = await work(m);
      await m.query('UPDATE rewards.processed_inputs SET result = $2 WHERE idempotency_key = $1', [key, JSON.stringify(result)]);
      return { ...result, duplicate: false };
    });
  }
}
