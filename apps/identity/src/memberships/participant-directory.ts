import { Inject, Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { BillingPattern, type ParticipantChangedEvent, type ParticipantSummariesDto, type ParticipantSummary } from '#libs/contracts';
import { RedisStreamsClient, StreamRecord, transportClientToken } from '#libs/transport';
import { ParticipantsRepository } from './participants.repository.js';

export type { ParticipantSummary };

export const BILLING_CLIENT = transportClientToken('participants-billing');
const SUMMARIES_TIMEOUT_MS = 2000;

/**
 * Names, modules, prefixes and contact fields of participants: a read model in identity's own
 * table, fed by billing's `participant.changed` (newest version wins) and `participant.deleted`.
 * A participant it has never heard of (created before the feed, or an event lost) is fetched
 * from billing once and kept; when billing is down the answer lacks it and the caller degrades.
 */
@Injectable()
export class ParticipantDirectory {
  private readonly logger = new Logger(ParticipantDirectory.name);

  constructor(private readonly participants: ParticipantsRepository, @Inject(BILLING_CLIENT) private readonly billing: RedisStreamsClient) {}

  async summaries(ids: string[]): Promise<Map<string, ParticipantSummary>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const found = new Map((await this.participants.summaries(unique)).map((summary) => [summary.id, summary]));
    const missing = unique.filter((id) => !found.has(id));
    if (missing.length > 0) {
      for (const summary of await this.fetch(missing)) {
        found.set(summary.id, summary);
        await this.store(summary, 0);
      }
    }
    return found;
  }

  /** `participant.changed`: absolute, so a redelivered or late event cannot undo a newer one. */
  async changed(event: ParticipantChangedEvent): Promise<void> {
    await this.store(event.participant, event.version);
  }

  async removed(participantId: string): Promise<void> {
    await this.participants.delete(participantId);
  }

  private store(summary: ParticipantSummary, version: number): Promise<void> {
    return this.participants.store(summary, version);
  }

  private async fetch(ids: string[]): Promise<ParticipantSummary[]> {
    try {
      return (await firstValueFrom(this.billing.send<ParticipantSummary[]>(
        BillingPattern.ParticipantsSummaries, new StreamRecord<ParticipantSummariesDto>({ ids }, {}, { timeoutMs: SUMMARIES_TIMEOUT_MS })))) ?? [];
    } catch (error) {
      const reason = (error as { kind?: string; message?: string })?.kind ?? (error as Error)?.message ?? String(error);
      this.logger.warn(`participant summaries unavailable (${reason}); answering without names and modules`);
      return [];
    }
  }
}
