import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Internal } from '#libs/transport';
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

  @Internal()
  async scan(@Payload() data: unknown) { return this.inputs.scan(await scanInput(data)); }

  @MessagePattern(RewardsPattern.Review)

  @Internal()
  review(@Payload() data: unknown) { return this.contribution('review', data); }

  @MessagePattern(RewardsPattern.ProductAdded)

  @Internal()
  productAdded(@Payload() data: unknown) { return this.contribution('product_added', data); }

  @MessagePattern(RewardsPattern.ProductEdited)

  @Internal()
  productEdited(@Payload() data: unknown) { return this.contribution('product_edited', data); }

  @MessagePattern(RewardsPattern.LifeHack)

  @Internal()
  lifeHack(@Payload() data: unknown) { return this.contribution('lifehack', data); }

  @MessagePattern(RewardsPattern.BuddyInvitationSent)

  @Internal()
  async buddySent(@Payload() data: unknown) { return this.inputs.buddySent(await validatePayload(BuddySentDto, data)); }

  @MessagePattern(RewardsPattern.BuddyInvitationAccepted)

  @Internal()
  async buddyAccepted(@Payload() data: unknown) { return this.inputs.buddyAccepted(await validatePayload(BuddyAcceptedDto, data)); }

  @MessagePattern(RewardsPattern.Cashout)

  @Internal()
  async cashout(@Payload() data: unknown) { return this.inputs.cashout(await validatePayload(CashoutInputDto, data)); }

  @MessagePattern(RewardsPattern.Deposit)

  @Internal()
  async deposit(@Payload() data: unknown) { return this.inputs.deposit(await validatePayload(DepositInputDto, data)); }

  @MessagePattern(RewardsPattern.WidgetView)

  @Internal()
  async widgetView(@Payload() data: unknown) { return this.inputs.widgetView(await validatePayload(WidgetViewDto, data)); }

  @MessagePattern(RewardsPattern.ClaimDecide)

  @Internal()
  async decide(@Payload() data: unknown) { return this.inputs.decide(await validatePayload(ClaimDecisionDto, data)); }

  private async contribution(kind: ContributionKind, data: unknown) {
    return this.inputs.contribution(kind, await validatePayload(ContributionInputDto, data));
  }
}
