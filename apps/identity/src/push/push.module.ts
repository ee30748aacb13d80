import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module.js';
import { PushController } from './push.controller.js';
import { PushFailuresRepository } from './push-failures.repository.js';
import { PushQueue } from './push-queue.service.js';

/** Push delivery to the devices of set_device_id through FCM, APNs and Baidu (see PushQueue). */
@Module({ imports: [DevicesModule], controllers: [PushController], providers: [PushQueue, PushFailuresRepository] })
export class PushModule {}
