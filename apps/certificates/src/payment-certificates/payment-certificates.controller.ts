import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import type { ApiKeyCaller, HttpRequestPayload } from '#libs/contracts';
import { StreamContext } from '#libs/transport';
import { apiKeyCallerOf } from '../common/callers.js';
import { CertificatesErrorCode, certificatesError } from '../common/certificates-errors.js';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import {
  parseBulk, parseCreateItem, parseListQuery, parsePathId, parseUpdateItem,
} from './payment-certificate-input.js';
import { PaymentCertificatesService } from './payment-certificates.service.js';

/** Rows 67-71 of ENDPOINTS.md (auth api-key): answers are the bare arrays/objects of the doc. */
@Controller()
export class PaymentCertificatesController {
  constructor(private readonly certificates: PaymentCertificatesService, private readonly keys: ApiKeysService) {}

  @MessagePattern('certificates.payment.list')
  async list(@Payload() req: HttpRequestPayload, @Ctx() ctx: StreamContext) {
    const caller = await this.caller(ctx);
    const { limit, offset } = parseListQuery(req.query);
    return this.certificates.list(caller.participantId, limit, offset);
  }

  @MessagePattern('certificates.payment.get')
  async get(@Payload() req: HttpRequestPayload, @Ctx() ctx: StreamContext) {
    const caller = await this.caller(ctx);
    return this.certificates.get(caller.participantId, parsePathId(req.params?.id));
  }

  @MessagePattern('certificates.payment.update')
  async update(@Payload() req: HttpRequestPayload, @Ctx() ctx: StreamContext) {
    const caller = await this.caller(ctx);
    const id = parsePathId(req.params?.id);
    if (id === undefined) return this.certificates.get(caller.participantId, undefined);
    const parsed = parseUpdateItem(req.body, id);
    if (!parsed.item) throw certificatesError(CertificatesErrorCode.InvalidInput, 'Invalid certificate', parsed.errors);
    return this.certificates.updateOne(caller.participantId, parsed.item);
  }

  @MessagePattern('certificates.payment.bulk-create')
  async bulkCreate(@Payload() req: HttpRequestPayload, @Ctx() ctx: StreamContext) {
    const caller = await this.caller(ctx);
    return this.certificates.bulkCreate(caller.participantId, parseBulk(req.body, parseCreateItem));
  }

  @MessagePattern('certificates.payment.bulk-update')
  async bulkUpdate(@Payload() req: HttpRequestPayload, @Ctx() ctx: StreamContext) {
    const caller = await this.caller(ctx);
    return this.certificates.bulkUpdate(caller.participantId, parseBulk(req.body, (raw) => parseUpdateItem(raw)));
  }

  private async caller(ctx: StreamContext): Promise<ApiKeyCaller> {
    const caller = apiKeyCallerOf(ctx.getHeaders());
    await this.keys.assertStillValid(caller);
    return caller;
  }
}
