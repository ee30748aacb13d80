import { CertificatesPattern } from '#libs/contracts';
import { AuditModule } from '#libs/audit';

/** This service's audit trail: the AuditRecorder (global) and the list identity gathers. */
export const AUDIT_TRAIL = AuditModule.forService({ service: 'certificates', schema: 'certificates', listPattern: CertificatesPattern.AuditList });
