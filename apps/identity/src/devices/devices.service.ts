import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeviceEntity, type DeviceType } from './device.entity.js';
import { RemoveDeviceDto, SetDeviceDto } from './device.dto.js';

export interface DeviceView { id: string; type: string; channel?: string }
/** A device as push delivery sees it (channel '' except for baidu). */
export interface DeviceKey { type: DeviceType; token: string; channel: string }

/**
 * Push targets per user. A token belongs to one app install, so to one user at a time: when a
 * phone changes hands and the new user signs in, set_device_id moves the token to the caller, and
 * from then on only the caller gets pushes on it (deliveries queued for the previous user check
 * ownership and are dropped).
 */
@Injectable()
export class DevicesService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async set(userId: string, dto: SetDeviceDto): Promise<Record<string, never>> {
    const channel = dto.type === 'baidu' ? dto.channel! : '';
    await this.dataSource.transaction(async (tx) => {
      if (dto.old_id !== undefined) {
        const old = tx.createQueryBuilder().delete().from(DeviceEntity).where('user_id = :userId AND device_id = :oldId', { userId, oldId: dto.old_id });
        if (dto.old_channel !== undefined) old.andWhere('channel = :oldChannel', { oldChannel: dto.old_channel });
        await old.execute();
      }
      await tx.createQueryBuilder().insert().into(DeviceEntity)
        .values({ type: dto.type, deviceId: dto.id, channel, userId })
        .orUpdate(['user_id', 'created_at'], ['type', 'device_id', 'channel'])
        .execute();
    });
    return {};
  }

  async remove(userId: string, dto: RemoveDeviceDto): Promise<Record<string, never>> {
    const query = this.dataSource.createQueryBuilder().delete().from(DeviceEntity).where('user_id = :userId AND device_id = :id', { userId, id: dto.id });
    if (dto.channel !== undefined) query.andWhere('channel = :channel', { channel: dto.channel });
    await query.execute();
    return {};
  }

  async pushTargetsFor(userId: string): Promise<DeviceKey[]> {
    const rows = await this.dataSource.query('SELECT type, device_id, channel FROM identity.devices WHERE user_id = $1', [userId]) as { type: DeviceType; device_id: string; channel: string }[];
    return rows.map((r) => ({ type: r.type, token: r.device_id, channel: r.channel }));
  }

  /** Whether the device is still the user's (it may have moved to another user or been removed). */
  async owns(userId: string, device: DeviceKey): Promise<boolean> {
    const rows = await this.dataSource.query(
      'SELECT 1 FROM identity.devices WHERE type = $1 AND device_id = $2 AND channel = $3 AND user_id = $4', [device.type, device.token, device.channel, userId],
    ) as unknown[];
    return rows.length > 0;
  }

  /** The provider said the app is gone from this device; only the user's own row is removed. */
  async removeDead(userId: string, device: DeviceKey): Promise<boolean> {
    const result = await this.dataSource.createQueryBuilder().delete().from(DeviceEntity)
      .where('type = :type AND device_id = :token AND channel = :channel AND user_id = :userId', { ...device, userId })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** For push delivery. */
  async listFor(userId: string): Promise<DeviceView[]> {
    const rows = await this.dataSource.getRepository(DeviceEntity).find({ where: { userId }, order: { createdAt: 'ASC' } });
    return rows.map((d) => ({ id: d.deviceId, type: d.type, ...(d.channel ? { channel: d.channel } : {}) }));
  }
}
