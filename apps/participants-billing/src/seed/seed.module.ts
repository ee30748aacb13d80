import { Module } from '@nestjs/common';
import { ParticipantsModule } from '../participants/participants.module.js';
import { SeedService } from './seed.service.js';

@Module({ imports: [ParticipantsModule], providers: [SeedService] })
export class SeedModule {}
