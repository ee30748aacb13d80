import { type DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditRecorder, type AuditTrailSpec } from './audit-recorder.js';

/** Provides the service's AuditRecorder everywhere in the app (keep the returned module in a constant). */
@Module({})
export class AuditModule {
  static forService(spec: AuditTrailSpec): DynamicModule {
    return {
      module: AuditModule,
      global: true,
      providers: [{ provide: AuditRecorder, inject: [DataSource], useFactory: (dataSource: DataSource) => new AuditRecorder(dataSource, spec) }],
      exports: [AuditRecorder],
    };
  }
}
