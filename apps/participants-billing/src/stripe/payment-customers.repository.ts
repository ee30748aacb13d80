import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial, IsNull, Repository } from 'typeorm';
import { type CustomerOwnerType, PaymentCustomer } from './payment-customer.entity.js';

/** Stripe customers by owner (participant or user); a deleted one keeps its row with deletedAt. */
@Injectable()
export class PaymentCustomersRepository {
  private readonly customers: Repository<PaymentCustomer>;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.customers = dataSource.getRepository(PaymentCustomer);
  }

  findCurrent(ownerType: CustomerOwnerType, ownerId: string): Promise<PaymentCustomer | null> {
    return this.customers.findOne({ where: { ownerType, ownerId, deletedAt: IsNull() } });
  }

  async insert(fields: DeepPartial<PaymentCustomer>): Promise<void> {
    await this.customers.insert(fields);
  }

  async update(id: PaymentCustomer['id'], fields: Partial<PaymentCustomer>): Promise<void> {
    await this.customers.update({ id }, fields);
  }

  /** Owners still using this Stripe customer. */
  countSharers(stripeCustomerId: string): Promise<number> {
    return this.customers.count({ where: { stripeCustomerId, deletedAt: IsNull() } });
  }

  async markDeletedForAll(stripeCustomerId: string): Promise<void> {
    await this.customers.update({ stripeCustomerId, deletedAt: IsNull() }, { deletedAt: new Date() });
  }
}
