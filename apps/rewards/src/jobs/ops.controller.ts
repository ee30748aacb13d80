import { Controller, type PipeTransform } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type HttpRequestPayload, RewardsPattern, JobRunDto } from '#libs/contracts';
import { DtoPipe } from '#libs/errors';
import { Internal } from '#libs/transport';
import { parseDocDate } from '../common/iso.js';
import { LedgerRepository } from '../ledger/ledger.repository.js';
import { JobsService } from './jobs.service.js';

/** JobRun is sent as an HTTP-style payload ({ body }) or as plain data: the body either way. */
class BodyOrMessage implements PipeTransform {
  transform(data: unknown): unknown {
    return typeof data === 'object' && data !== null && 'body' in data ? (data as HttpRequestPayload).body : data;
  }
}

/** Operator patterns (a security admin of the system participant): ledger check and running a scheduled job now. */
@Controller()
export class OpsController {
  constructor(private readonly ledger: LedgerRepository, private readonly jobs: JobsService) {}

  @MessagePattern(RewardsPattern.LedgerCheck)
  @Internal({ session: 'sys-admin' })
  ledgerCheck() {
    return this.ledger.check();
  }

  @MessagePattern(RewardsPattern.JobRun)
  @Internal({ session: 'sys-admin' })
  runJob(@Payload(new BodyOrMessage(), new DtoPipe(JobRunDto)) dto: JobRunDto) {
    return this.jobs.run(dto.job, dto.now ? parseDocDate(dto.now) ?? new Date() : new Date());
  }
}
