import { Module } from '@nestjs/common';
import { ParticipantsModule } from '../participants/participants.module.js';
import { ParticipantsDataModule } from '../participants/participants-data.module.js';
import { SeedService } from './seed.service.js';

@Module({ imports: [ParticipantsModule, ParticipantsDataModule], providers: [SeedService] })
export class SeedModule {}
