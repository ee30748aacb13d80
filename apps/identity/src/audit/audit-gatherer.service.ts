import { Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import {
  type AuditAnswer, type AuditEventView, type AuditListRequest, BillingPattern, CertificatesPattern, Header, RewardsPattern,
  type ServiceName, type SessionInfo,
} from '#libs/contracts';
import { type AuditPage, AuditRecorder, encodeCursor, newestFirst } from '#libs/audit';
import { InjectTransportClient, RedisStreamsClient, StreamRecord } from '#libs/transport';

/** A service that has not answered by then is named in `incomplete`, so one slow service cannot hold the page. */
export const AUDIT_SOURCE_TIMEOUT_MS = 3000;

interface Source { service: ServiceName; list(request: AuditListRequest, reader: SessionInfo): Promise<AuditEventView[]> }

/**
 * `POST /identity-service/audit/get`: asks every service for its newest `limit + 1` events past
 * the cursor (identity reads its own table), merges them newest first and cuts the page. A service
 * that does not answer is left out and named in `incomplete` (the answer stays 200).
 */
@Injectable()
export class AuditGatherer {
  private readonly logger = new Logger('AuditGatherer');
  private readonly sources: Source[];

  constructor(
    own: AuditRecorder,
    @InjectTransportClient('rewards') rewards: RedisStreamsClient,
    @InjectTransportClient('participants-billing') billing: RedisStreamsClient,
    @InjectTransportClient('certificates') certificates: RedisStreamsClient,
  ) {
    this.sources = [
      { service: 'identity', list: (request) => own.list(request) },
      this.remote('rewards', rewards, RewardsPattern.AuditList),
      this.remote('participants-billing', billing, BillingPattern.AuditList),
      this.remote('certificates', certificates, CertificatesPattern.AuditList),
    ];
  }

  async page(reader: SessionInfo, page: AuditPage): Promise<AuditAnswer> {
    const request: AuditListRequest = { ...page.filters, limit: page.limit + 1, ...(page.before ? { before: page.before } : {}) };
    const answers = await Promise.allSettled(this.sources.map((s) => s.list(request, reader)));
    const incomplete: ServiceName[] = [];
    const events = answers.flatMap((answer, i) => {
      if (answer.status === 'fulfilled') return answer.value;
      incomplete.push(this.sources[i].service);
      this.logger.warn({ msg: 'audit source did not answer', service: this.sources[i].service, kind: answer.reason?.kind ?? 'error' });
      return [];
    }).sort(newestFirst);
    const shown = events.slice(0, page.limit);
    const last = shown[shown.length - 1];
    return { events: shown, next_cursor: events.length > page.limit && last ? encodeCursor(last) : null, incomplete };
  }

  /** The sys-admin's session goes along: each service checks it again (and that identity asks). */
  private remote(service: ServiceName, client: RedisStreamsClient, pattern: string): Source {
    return {
      service,
      list: (request, reader) =>
        firstValueFrom(client.send<AuditEventView[]>(pattern, new StreamRecord(request, { [Header.Session]: JSON.stringify(reader) }))),
    };
  }
}
