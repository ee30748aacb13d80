import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { DeviceType } from '#libs/contracts';

/** A push target of a user; `channel` is '' except for baidu. */
@Entity({ name: 'devices' })
export class DeviceEntity {
  @PrimaryColumn({ type: 'text' }) type: DeviceType;
  @PrimaryColumn({ name: 'device_id', type: 'text' }) deviceId: string;
  @PrimaryColumn({ type: 'text', default: '' }) channel: string;
  @Column({ name: 'user_id', type: 'text' }) userId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
