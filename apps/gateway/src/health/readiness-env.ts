import { Matches } from 'class-validator';
import { SERVICE_NAMES } from '#libs/contracts';

const SERVICE_LIST = new RegExp(`^(none|(${SERVICE_NAMES.join('|')})(,(${SERVICE_NAMES.join('|')}))*)$`);

/** Which services must have a live replica for the gateway to be ready (all are reported either way). */
export class ReadinessEnv {
  /** Comma list of services, or `none` (then readiness checks Redis only). */
  @Matches(SERVICE_LIST, { message: `must be a comma list of ${SERVICE_NAMES.join(', ')}, or none` })
  READY_REQUIRES_SERVICES: string = SERVICE_NAMES.join(',');

  get requiredServices(): string[] {
    return this.READY_REQUIRES_SERVICES === 'none' ? [] : this.READY_REQUIRES_SERVICES.split(',');
  }
}
