import { Module } from '@nestjs/common';
import { StripeModule } from '../stripe/stripe.module.js';
import { DeletionController } from './deletion.controller.js';
import { DeletionService } from './deletion.service.js';

@Module({
  imports: [StripeModule],
  controllers: [DeletionController],
  providers: [DeletionService],
})
export class DeletionModule {}
