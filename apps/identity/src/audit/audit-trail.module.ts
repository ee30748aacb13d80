import { Module } from '@nestjs/common';
import { AuditModule } from '#libs/audit';
import { transportClientProvider } from '#libs/transport';
import { IdentityEnv } from '../config/identity-env.js';
import { AuditController } from './audit.controller.js';
import { AUDIT_SOURCE_TIMEOUT_MS, AuditGatherer } from './audit-gatherer.service.js';

/** Identity's own trail (the AuditRecorder, global) and the gathered read side. */
const IDENTITY_AUDIT = AuditModule.forService({ service: 'identity', schema: 'identity' });
const clients = (['rewards', 'participants-billing', 'certificates'] as const)
  .map((service) => transportClientProvider({ service, caller: 'identity', env: IdentityEnv, timeoutMs: AUDIT_SOURCE_TIMEOUT_MS }));

@Module({
  imports: [IDENTITY_AUDIT],
  controllers: [AuditController],
  providers: [...clients, AuditGatherer],
})
export class AuditTrailModule {}
