import { Module } from '@nestjs/common';
import { AuditModule } from '#libs/audit';
import { AuditController } from './audit.controller.js';

/** This service's audit trail: the AuditRecorder (global) and the list identity gathers. */
const AUDIT = AuditModule.forService({ service: 'rewards', schema: 'rewards' });

@Module({ imports: [AUDIT], controllers: [AuditController] })
export class AuditTrailModule {}
