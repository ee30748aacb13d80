import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type ApiKeyCaller, CertificatesPattern, type HttpRequestPayload } from '#libs/contracts';
import { ApiKeyCallerParam } from '#libs/transport';
import { CertificatesErrorCode, certificatesError } from '../common/certificates-errors.js';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { parseBulk, parseCreateItem, parseListQuery, parsePathId, parseUpdateItem } from './payment-certificate-input.js';
import { PaymentCertificatesService } from './payment-certificates.service.js';

/**
 * Rows 67-71 of ENDPOINTS.md (auth api-key): answers are the bare arrays/objects of the doc. Inputs
 * are read by the hand-written checks of payment-certificate-input.ts (see there why) once the key is
 * known to be live: the gateway caches its verdicts, a key revoked since is refused here.
 */
@Controller()
export class PaymentCertificatesController {
  constructor(private readonly certificates: PaymentCertificatesService, private readonly keys: ApiKeysService) {}

  @MessagePattern(CertificatesPattern.PaymentList)
  async list(@Payload() req: HttpRequestPayload, @ApiKeyCallerParam() caller: ApiKeyCaller) {
    await this.keys.assertStillValid(caller);
    const { limit, offset } = parseListQuery(req.query);
    return this.certificates.list(caller.participantId, limit, offset);
  }

  @MessagePattern(CertificatesPattern.PaymentGet)
  async get(@Payload() req: HttpRequestPayload, @ApiKeyCallerParam() caller: ApiKeyCaller) {
    await this.keys.assertStillValid(caller);
    return this.certificates.get(caller.participantId, parsePathId(req.params?.id));
  }

  @MessagePattern(CertificatesPattern.PaymentUpdate)
  async update(@Payload() req: HttpRequestPayload, @ApiKeyCallerParam() caller: ApiKeyCaller) {
    await this.keys.assertStillValid(caller);
    const id = parsePathId(req.params?.id);
    if (id === undefined) return this.certificates.get(caller.participantId, undefined);
    const parsed = parseUpdateItem(req.body, id);
    if (!parsed.item) throw certificatesError(CertificatesErrorCode.InvalidInput, 'Invalid certificate', parsed.errors);
    return this.certificates.updateOne(caller.participantId, parsed.item);
  }

  @MessagePattern(CertificatesPattern.PaymentBulkCreate)
  async bulkCreate(@Payload() req: HttpRequestPayload, @ApiKeyCallerParam() caller: ApiKeyCaller) {
    await this.keys.assertStillValid(caller);
    return this.certificates.bulkCreate(caller.participantId, parseBulk(req.body, parseCreateItem));
  }

  @MessagePattern(CertificatesPattern.PaymentBulkUpdate)
  async bulkUpdate(@Payload() req: HttpRequestPayload, @ApiKeyCallerParam() caller: ApiKeyCaller) {
    await this.keys.assertStillValid(caller);
    return this.certificates.bulkUpdate(caller.participantId, parseBulk(req.body, (raw) => parseUpdateItem(raw)));
  }
}
