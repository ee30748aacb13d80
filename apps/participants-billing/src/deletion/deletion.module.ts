import { Module } from '@nestjs/common';
import { StripeModule } from '../stripe/stripe.module.js';
import { DeletionController } from './deletion.controller.js';
import { DeletionRequestsRepository } from './deletion-requests.repository.js';
import { DeletionService } from './deletion.service.js';
import { ParticipantsDataModule } from '../participants/participants-data.module.js';

@Module({
  imports: [ParticipantsDataModule, StripeModule],
  controllers: [DeletionController],
  providers: [DeletionRequestsRepository, DeletionService],
})
export class DeletionModule {}
