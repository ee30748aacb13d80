import { Module } from '@nestjs/common';
import { BansRepository } from './bans.repository.js';
import { RulesCatalog } from './rules-catalog.service.js';
import { RulesRepository } from './rules.repository.js';
import { TimelineRepository } from './timeline.repository.js';
import { UsersRepository } from './users.repository.js';

/** What every feature shares: the rules catalog, and the users, bans and timeline every input touches. */
@Module({
  providers: [RulesCatalog, RulesRepository, UsersRepository, BansRepository, TimelineRepository],
  exports: [RulesCatalog, UsersRepository, BansRepository, TimelineRepository],
})
export class CommonModule {}
