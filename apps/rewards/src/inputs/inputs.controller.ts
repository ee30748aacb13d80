import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Internal, Message } from '#libs/transport';
import { RewardsPattern, BuddyAcceptedDto, BuddySentDto, CashoutInputDto, ClaimDecisionDto, ContributionInputDto, DepositInputDto, type ScanInputDto, WidgetViewDto } from '#libs/contracts';
import { ScanInputPipe } from './scan-input.js';
import { InputsService } from './inputs.service.js';

/** Activity sent in by other services (see libs/contracts/src/patterns/rewards.ts). */
@Controller()
export class InputsController {
  constructor(private readonly inputs: InputsService) {}

  /** Validated in two stages on purpose (ScanInputPipe: a cheap check first, the DtoPipe for the rest). */
  @MessagePattern(RewardsPattern.Scan)
  @Internal()
  scan(@Payload(new ScanInputPipe()) dto: ScanInputDto) { return this.inputs.scan(dto); }

  @MessagePattern(RewardsPattern.Review)
  @Internal()
  review(@Message(ContributionInputDto) dto: ContributionInputDto) { return this.inputs.contribution('review', dto); }

  @MessagePattern(RewardsPattern.ProductAdded)
  @Internal()
  productAdded(@Message(ContributionInputDto) dto: ContributionInputDto) { return this.inputs.contribution('product_added', dto); }

  @MessagePattern(RewardsPattern.ProductEdited)
  @Internal()
  productEdited(@Message(ContributionInputDto) dto: ContributionInputDto) { return this.inputs.contribution('product_edited', dto); }

  @MessagePattern(RewardsPattern.LifeHack)
  @Internal()
  lifeHack(@Message(ContributionInputDto) dto: ContributionInputDto) { return this.inputs.contribution('lifehack', dto); }

  @MessagePattern(RewardsPattern.BuddyInvitationSent)
  @Internal()
  buddySent(@Message(BuddySentDto) dto: BuddySentDto) { return this.inputs.buddySent(dto); }

  @MessagePattern(RewardsPattern.BuddyInvitationAccepted)
  @Internal()
  buddyAccepted(@Message(BuddyAcceptedDto) dto: BuddyAcceptedDto) { return this.inputs.buddyAccepted(dto); }

  @MessagePattern(RewardsPattern.Cashout)
  @Internal()
  cashout(@Message(CashoutInputDto) dto: CashoutInputDto) { return this.inputs.cashout(dto); }

  @MessagePattern(RewardsPattern.Deposit)
  @Internal()
  deposit(@Message(DepositInputDto) dto: DepositInputDto) { return this.inputs.deposit(dto); }

  @MessagePattern(RewardsPattern.WidgetView)
  @Internal()
  widgetView(@Message(WidgetViewDto) dto: WidgetViewDto) { return this.inputs.widgetView(dto); }

  @MessagePattern(RewardsPattern.ClaimDecide)
  @Internal()
  decide(@Message(ClaimDecisionDto) dto: ClaimDecisionDto) { return this.inputs.decide(dto); }
}
