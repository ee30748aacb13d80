import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { type HttpRequestPayload, RewardsPattern, type SessionInfo } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { CallerSession, Internal } from '#libs/transport';
import { JobRunDto } from '../admin/admin.dto.js';
import { requireSysAdmin } from '../common/callers.js';
import { parseDocDate } from '../common/iso.js';
import { checkLedger } from '../ledger/ledger-check.js';
import { JobsService } from './jobs.service.js';

/** Operator patterns: ledger check and running a scheduled job now. Data is plain (not an HTTP payload). */
@Controller()
export class OpsController {
  constructor(@Inject(DataSource) private readonly ds: DataSource, private readonly jobs: JobsService) {}

  @MessagePattern(RewardsPattern.LedgerCheck)

  @Internal()
  ledgerCheck(@CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return checkLedger(this.ds);
  }

  @MessagePattern(RewardsPattern.JobRun)

  @Internal()
  async runJob(@Payload() data: HttpRequestPayload | unknown, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    // Sent as an HTTP-style payload ({ body }) or as plain data.
    const body = typeof data === 'object' && data !== null && 'body' in data ? (data as HttpRequestPayload).body : data;
    const dto = await validatePayload(JobRunDto, body);
    return this.jobs.run(dto.job, dto.now ? parseDocDate(dto.now) ?? new Date() : new Date());
  }
}
