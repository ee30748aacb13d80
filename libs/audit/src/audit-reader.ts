import type { ServiceName } from '#libs/contracts';

/** The one service that asks the others for their trail (`<Service>Pattern.AuditList`). */
export const AUDIT_GATHERER: ServiceName = 'identity';
