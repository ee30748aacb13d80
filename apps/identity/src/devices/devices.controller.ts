import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type HttpRequestPayload, type SessionInfo, IdentityPattern } from '#libs/contracts';
import { DomainError, validatePayload } from '#libs/errors';
import { CallerSession } from '#libs/transport';
import { RemoveDeviceDto, SetDeviceDto } from './device.dto.js';
import { DevicesService } from './devices.service.js';

const userOf = (session: SessionInfo | undefined): string => {
  if (!session) throw DomainError.unauthenticated();
  return session.userId;
};

@Controller()
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @MessagePattern(IdentityPattern.DeviceSet)
  async set(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    const userId = userOf(session);
    return this.devices.set(userId, await validatePayload(SetDeviceDto, req.body));
  }

  @MessagePattern(IdentityPattern.DeviceRemove)
  async remove(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    const userId = userOf(session);
    return this.devices.remove(userId, await validatePayload(RemoveDeviceDto, req.body));
  }
}
