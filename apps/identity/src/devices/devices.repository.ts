import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DeviceType } from '#libs/contracts';
import { DeviceEntity } from './device.entity.js';

export interface DeviceRow { user_id: string; type: DeviceType; device_id: string; channel: string }

/** identity.devices: push targets, one row per (type, token, channel), owned by one user at a time. */
@Injectable()
export class DevicesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The user's token `deviceId` (only on `channel` when given). */
  async deleteOwn(userId: string, deviceId: string, channel: string | undefined, m?: EntityManager): Promise<void> {
    const query = (m ?? this.dataSource.manager).createQueryBuilder().delete().from(DeviceEntity)
      .where('user_id = :userId AND device_id = :id', { userId, id: deviceId });
    if (channel !== undefined) query.andWhere('channel = :channel', { channel });
    await query.execute();
  }

  /** The token moves to `userId` when another user had it. */
  async upsert(m: EntityManager, device: { type: DeviceType; deviceId: string; channel: string; userId: string }): Promise<void> {
    await m.createQueryBuilder().insert().into(DeviceEntity)
      .values(device)
      .orUpdate(['user_id', 'created_at'], ['type', 'device_id', 'channel'])
      .execute();
  }

  /** One statement for many users. */
  async ofUsers(userIds: string[]): Promise<DeviceRow[]> {
    return await this.dataSource.query('SELECT user_id, type, device_id, channel FROM identity.devices WHERE user_id = ANY($1::text[])', [userIds]) as DeviceRow[];
  }

  /** Only the user's own row; false when it was not (or no longer) theirs. */
  async deleteExact(userId: string, device: { type: DeviceType; token: string; channel: string }): Promise<boolean> {
    const result = await this.dataSource.createQueryBuilder().delete().from(DeviceEntity)
      .where('type = :type AND device_id = :token AND channel = :channel AND user_id = :userId', { ...device, userId })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  listForUser(userId: string): Promise<DeviceEntity[]> {
    return this.dataSource.getRepository(DeviceEntity).find({ where: { userId }, order: { createdAt: 'ASC' } });
  }
}
