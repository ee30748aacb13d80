import { type DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { auditListController } from './audit-list.controller.js';
import { AuditRecorder, type AuditTrailSpec } from './audit-recorder.js';

/**
 * Provides the service's AuditRecorder everywhere in the app and, given `listPattern`, answers
 * identity's gathering of the trail (keep the returned module in a constant).
 */
@Module({})
export class AuditModule {
  static forService(spec: AuditTrailSpec & { listPattern?: string }): DynamicModule {
    return {
      module: AuditModule,
      global: true,
      controllers: spec.listPattern ? [auditListController(spec.listPattern)] : [],
      providers: [{ provide: AuditRecorder, inject: [DataSource], useFactory: (dataSource: DataSource) => new AuditRecorder(dataSource, spec) }],
      exports: [AuditRecorder],
    };
  }
}
