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

  /** The devices of each of `userIds` (one statement for many users: push delivery asks per batch). */
  async pushTargetsOf(userIds: string[]): Promise<Map<string, DeviceKey[]>> {
    const rows = await this.dataSource.query('SELECT user_id, type, device_id, channel FROM identity.devices WHERE user_id = ANY($1::text[])', [userIds]) as
      { user_id: string; type: DeviceType; device_id: string; channel: string }[];
    const byUser = new Map<string, DeviceKey[]>();
    for (const r of rows) {
      const devices = byUser.get(r.user_id) ?? [];
      devices.push({ type: r.type, token: r.device_id, channel: r.channel });
      byUser.set(r.user_id, devices);
    }
    return byUser;
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
