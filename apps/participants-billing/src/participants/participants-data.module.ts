import { Module } from '@nestjs/common';
import { ParticipantsRepository } from './participants.repository.js';

/** The participants repository alone: deposit, payments and deletion read and lock participant rows. */
@Module({ providers: [ParticipantsRepository], exports: [ParticipantsRepository] })
export class ParticipantsDataModule {}
