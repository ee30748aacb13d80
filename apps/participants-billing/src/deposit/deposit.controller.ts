import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BillingPattern, type HttpRequestPayload } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { bodyOf, paramOf } from '../common/http.js';
import { DepositMoveDto, SetFeeDto, SetTopupDto } from './dto/deposit.dto.js';
import { LedgerService } from './ledger.service.js';
import { DepositSettingsService } from './settings.service.js';

@Controller()
export class DepositController {
  constructor(private readonly ledger: LedgerService, private readonly settings: DepositSettingsService) {}

  /** GET /participants/participant/:id/deposit */
  @MessagePattern(BillingPattern.DepositGet)
  async get(@Payload() payload: HttpRequestPayload) {
    const { participant_id: _, ...view } = await this.settings.view(paramOf(payload, 'id'));
    return view;
  }

  /** PUT /participants/participant/:id/deposit/fee */
  @MessagePattern(BillingPattern.DepositSetFee)
  async setFee(@Payload() payload: HttpRequestPayload) {
    const id = paramOf(payload, 'id');
    return this.settings.setFee(id, await validatePayload(SetFeeDto, bodyOf(payload)));
  }

  @MessagePattern(BillingPattern.DepositSetTopup)
  async setTopup(@Payload() data: unknown) {
    return this.settings.setTopup(await validatePayload(SetTopupDto, data));
  }

  @MessagePattern(BillingPattern.DepositCharge)
  async charge(@Payload() data: unknown) {
    return this.ledger.charge(await validatePayload(DepositMoveDto, data));
  }

  @MessagePattern(BillingPattern.DepositCredit)
  async credit(@Payload() data: unknown) {
    return this.ledger.credit(await validatePayload(DepositMoveDto, data));
  }
}
