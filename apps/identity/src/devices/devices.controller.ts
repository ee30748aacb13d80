import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { type SessionInfo, IdentityPattern, RemoveDeviceDto, SetDeviceDto } from '#libs/contracts';
import { Body, Caller } from '#libs/transport';
import { DevicesService } from './devices.service.js';

@Controller()
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @MessagePattern(IdentityPattern.DeviceSet)
  set(@Caller() caller: SessionInfo, @Body(SetDeviceDto) body: SetDeviceDto) {
    return this.devices.set(caller.userId, body);
  }

  @MessagePattern(IdentityPattern.DeviceRemove)
  remove(@Caller() caller: SessionInfo, @Body(RemoveDeviceDto) body: RemoveDeviceDto) {
    return this.devices.remove(caller.userId, body);
  }
}
