import { Module } from '@nestjs/common';
import { LevelsModule } from '../levels/levels.module.js';
import { PushModule } from '../push/push.module.js';
import { RemindersRepository } from './reminders.repository.js';
import { RemindersService } from './reminders.service.js';

/** Reminder rules evaluated for every user; a reminder due becomes a push. */
@Module({
  imports: [LevelsModule, PushModule],
  providers: [RemindersService, RemindersRepository],
  exports: [RemindersService, RemindersRepository],
})
export class RemindersModule {}
