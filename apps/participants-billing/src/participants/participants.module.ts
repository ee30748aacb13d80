import { Module } from '@nestjs/common';
import { DepositModule } from '../deposit/deposit.module.js';
import { StripeModule } from '../stripe/stripe.module.js';
import { ParticipantEvents } from './participant-events.js';
import { ParticipantListRepository } from './participant-list.repository.js';
import { ParticipantsDataModule } from './participants-data.module.js';
import { RegistrationRequestsRepository } from './registration-requests.repository.js';
import { ParticipantsController } from './participants.controller.js';
import { ParticipantsService } from './participants.service.js';
import { ProfileService } from './profile.service.js';
import { RegistrationService } from './registration.service.js';

@Module({
  imports: [ParticipantsDataModule, DepositModule, StripeModule],
  controllers: [ParticipantsController],
  providers: [ParticipantsService, RegistrationService, RegistrationRequestsRepository, ParticipantListRepository, ProfileService, ParticipantEvents],
  exports: [ParticipantsService, ParticipantEvents],
})
export class ParticipantsModule {}
