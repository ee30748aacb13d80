import { Module } from '@nestjs/common';
import { DepositModule } from '../deposit/deposit.module.js';
import { StripeModule } from '../stripe/stripe.module.js';
import { ParticipantListQuery } from './participant-list.query.js';
import { ParticipantsController } from './participants.controller.js';
import { ParticipantsService } from './participants.service.js';
import { ProfileService } from './profile.service.js';
import { RegistrationService } from './registration.service.js';

@Module({
  imports: [DepositModule, StripeModule],
  controllers: [ParticipantsController],
  providers: [ParticipantsService, RegistrationService, ParticipantListQuery, ProfileService],
  exports: [ParticipantsService],
})
export class ParticipantsModule {}
