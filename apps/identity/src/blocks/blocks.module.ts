import { Module } from '@nestjs/common';
import { BlocksController } from './blocks.controller.js';
import { BlocksService } from './blocks.service.js';
import { NotificationSettingsReader } from './notification-settings.reader.js';

@Module({ controllers: [BlocksController], providers: [BlocksService, NotificationSettingsReader], exports: [NotificationSettingsReader] })
export class BlocksModule {}
