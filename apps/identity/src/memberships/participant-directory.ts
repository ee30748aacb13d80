import { Inject, Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { BillingPattern, type ParticipantSummariesRequest, type ParticipantSummary } from '#libs/contracts';
import { RedisStreamsClient, StreamRecord, transportClientToken } from '#libs/transport';

export type { ParticipantSummary };

export const BILLING_CLIENT = transportClientToken('participants-billing');
const SUMMARIES_TIMEOUT_MS = 2000;
/** Participant names and modules change rarely; profiles and sign-ins read them constantly. */
const CACHE_TTL_MS = 30_000;
const CACHE_MAX_ENTRIES = 10_000;

/**
 * Names and modules of participants, from participants-billing. Sessions and profiles must
 * still work when billing is down: then the answer is empty and the caller degrades.
 */
@Injectable()
export class ParticipantDirectory {
  private readonly logger = new Logger(ParticipantDirectory.name);

  private readonly cache = new Map<string, { summary: ParticipantSummary; expires: number }>();

  constructor(@Inject(BILLING_CLIENT) private readonly billing: RedisStreamsClient) {}

  /** Served from a 30 s cache per participant; only misses cost a hop to billing. */
  async summaries(ids: string[]): Promise<Map<string, ParticipantSummary>> {
    const found = new Map<string, ParticipantSummary>();
    const now = Date.now();
    for (const id of ids) {
      const hit = this.cache.get(id);
      if (hit && hit.expires > now) found.set(id, hit.summary);
    }
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length === 0) return found;
    for (const [id, summary] of await this.fetch(missing)) {
      found.set(id, summary);
      this.remember(summary, now);
    }
    return found;
  }

  /** Drops a participant at once (deleted or changed) instead of waiting for the TTL. */
  forget(participantId: string): void {
    this.cache.delete(participantId);
  }

  private remember(summary: ParticipantSummary, now: number): void {
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(summary.id, { summary, expires: now + CACHE_TTL_MS });
  }

  private async fetch(ids: string[]): Promise<Map<string, ParticipantSummary>> {
    try {
      const answer = await firstValueFrom(this.billing.send<ParticipantSummary[]>(
        BillingPattern.ParticipantsSummaries, new StreamRecord<ParticipantSummariesRequest>({ ids }, {}, { timeoutMs: SUMMARIES_TIMEOUT_MS })));
      return new Map((answer ?? []).map((p) => [p.id, p]));
    } catch (error) {
      const reason = (error as { kind?: string; message?: string })?.kind ?? (error as Error)?.message ?? String(error);
      this.logger.warn(`participant summaries unavailable (${reason}); answering without names and modules`);
      return new Map();
    }
  }
}
