import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

/** Push platforms a device registers for. */
export const DEVICE_TYPES = ['apns', 'apns_sandbox', 'gcm', 'baidu'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export class SetDeviceDto {
  @IsString() @MinLength(1) @MaxLength(4096) id: string;
  @IsIn(DEVICE_TYPES, { message: `type must be one of ${DEVICE_TYPES.join(', ')}` }) type: DeviceType;
  /** Required for baidu. */
  @ValidateIf((o: SetDeviceDto) => o.type === 'baidu' || o.channel !== undefined)
  @IsString() @MinLength(1) @MaxLength(256) channel?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(4096) old_id?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(256) old_channel?: string;
}

export class RemoveDeviceDto {
  @IsString() @MinLength(1) @MaxLength(4096) id: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(256) channel?: string;
}
