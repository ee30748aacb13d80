import { Module } from '@nestjs/common';
import { DepositModule } from '../deposit/deposit.module.js';
import { StripeModule } from '../stripe/stripe.module.js';
import { ParticipantEvents } from './participant-events.js';
import { ParticipantListQuery } from './participant-list.query.js';
import { ParticipantsController } from './participants.controller.js';
import { ParticipantsService } from './participants.service.js';
import { ProfileService } from './profile.service.js';
import { RegistrationService } from './registration.service.js';

@Module({
  imports: [DepositModule, StripeModule],
  controllers: [ParticipantsController],
  providers: [ParticipantsService, RegistrationService, ParticipantListQuery, ProfileService, ParticipantEvents],
  exports: [ParticipantsService, ParticipantEvents],
})
export class ParticipantsModule {}
