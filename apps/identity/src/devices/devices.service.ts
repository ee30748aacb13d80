import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeviceEntity } from './device.entity.js';
import { RemoveDeviceDto, SetDeviceDto } from './device.dto.js';

export interface DeviceView { id: string; type: string; channel?: string }

/** Push targets per user. A device token registered by another user moves to the caller. */
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

  /** For push delivery. */
  async listFor(userId: string): Promise<DeviceView[]> {
    const rows = await this.dataSource.getRepository(DeviceEntity).find({ where: { userId }, order: { createdAt: 'ASC' } });
    return rows.map((d) => ({ id: d.deviceId, type: d.type, ...(d.channel ? { channel: d.channel } : {}) }));
  }
}
