import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AdminSeedService } from './admin-seed.service.js';

@Module({ imports: [AccountsModule], providers: [AdminSeedService] })
export class SeedModule {}
