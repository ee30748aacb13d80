import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type HttpRequestPayload, IdentityPattern } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { GeoService } from './geo.service.js';

@Controller()
export class GeoController {
  constructor(private readonly geo: GeoService) {}

  /** The client IP as the gateway determined it (X-Forwarded-For of trusted proxies applied there). */
  @MessagePattern(IdentityPattern.GeoCurrentCountry)
  currentCountry(@Payload() req: HttpRequestPayload) {
    return this.geo.currentCountry(req.ip);
  }

  /** `ip` in the body (doc) or query; else the caller's own IP. */
  @MessagePattern(IdentityPattern.GeoGeolocation)
  geolocation(@Payload() req: HttpRequestPayload) {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const asked = body.ip ?? req.query?.ip;
    if (asked !== undefined && typeof asked !== 'string') {
      throw DomainError.invalid('Invalid request', [{ field: 'ip', errors: ['ip must be an IPv4 or IPv6 address'] }]);
    }
    return this.geo.geolocation(asked ?? req.ip);
  }
}
