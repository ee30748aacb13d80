import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RewardsPattern } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { BuddyAcceptedDto, BuddySentDto, CashoutInputDto, ClaimDecisionDto, ContributionInputDto, DepositInputDto, WidgetViewDto } from './input.dto.js';
import { scanInput } from './scan-input.js';
import { type ContributionKind, InputsService } from './inputs.service.js';

/** Activity sent in by other services (see libs/contracts/src/patterns/rewards.ts). */
@Controller()
export class InputsController {
  constructor(private readonly inputs: InputsService) {}

  @MessagePattern(RewardsPattern.Scan)
  async scan(@Payload() data: unknown) { return this.inputs.scan(await scanInput(data)); }

  @MessagePattern(RewardsPattern.Review)
  review(@Payload() data: unknown) { return this.contribution('review', data); }

  @MessagePattern(RewardsPattern.ProductAdded)
  productAdded(@Payload() data: unknown) { return this.contribution('product_added', data); }

  @MessagePattern(RewardsPattern.ProductEdited)
  productEdited(@Payload() data: unknown) { return this.contribution('product_edited', data); }

  @MessagePattern(RewardsPattern.LifeHack)
  lifeHack(@Payload() data: unknown) { return this.contribution('lifehack', data); }

  @MessagePattern(RewardsPattern.BuddyInvitationSent)
  async buddySent(@Payload() data: unknown) { return this.inputs.buddySent(await validatePayload(BuddySentDto, data)); }

  @MessagePattern(RewardsPattern.BuddyInvitationAccepted)
  async buddyAccepted(@Payload() data: unknown) { return this.inputs.buddyAccepted(await validatePayload(BuddyAcceptedDto, data)); }

  @MessagePattern(RewardsPattern.Cashout)
  async cashout(@Payload() data: unknown) { return this.inputs.cashout(await validatePayload(CashoutInputDto, data)); }

  @MessagePattern(RewardsPattern.Deposit)
  async deposit(@Payload() data: unknown) { return this.inputs.deposit(await validatePayload(DepositInputDto, data)); }

  @MessagePattern(RewardsPattern.WidgetView)
  async widgetView(@Payload() data: unknown) { return this.inputs.widgetView(await validatePayload(WidgetViewDto, data)); }

  @MessagePattern(RewardsPattern.ClaimDecide)
  async decide(@Payload() data: unknown) { return this.inputs.decide(await validatePayload(ClaimDecisionDto, data)); }

  private async contribution(kind: ContributionKind, data: unknown) {
    return this.inputs.contribution(kind, await validatePayload(ContributionInputDto, data));
  }
}
