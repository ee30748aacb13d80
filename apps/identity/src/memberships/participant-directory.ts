import { Inject, Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { BILLING_PATTERNS, ParticipantSummariesRequest, ParticipantSummary } from '#libs/contracts';
import { RedisStreamsClient, StreamRecord } from '#libs/transport';

export type { ParticipantSummary };

export const BILLING_CLIENT = Symbol('identity.billing-client');
const SUMMARIES_TIMEOUT_MS = 2000;

/**
 * Names and modules of participants, from participants-billing. Sessions and profiles must
 * still work when billing is down: then the answer is empty and the caller degrades.
 */
@Injectable()
export class ParticipantDirectory {
  private readonly logger = new Logger(ParticipantDirectory.name);

  constructor(@Inject(BILLING_CLIENT) private readonly billing: RedisStreamsClient) {}

  async summaries(ids: string[]): Promise<Map<string, ParticipantSummary>> {
    if (ids.length === 0) return new Map();
    try {
      const answer = await firstValueFrom(this.billing.send<ParticipantSummary[]>(
        BILLING_PATTERNS.summaries, new StreamRecord<ParticipantSummariesRequest>({ ids }, {}, { timeoutMs: SUMMARIES_TIMEOUT_MS })));
      return new Map((answer ?? []).map((p) => [p.id, p]));
    } catch (error) {
      const reason = (error as { kind?: string; message?: string })?.kind ?? (error as Error)?.message ?? String(error);
      this.logger.warn(`participant summaries unavailable (${reason}); answering without names and modules`);
      return new Map();
    }
  }
}
