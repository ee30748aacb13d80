import { Injectable } from '@nestjs/common';
import type { CardView } from '#libs/contracts';
import type { CustomerOwnerType, PaymentCustomer } from './payment-customer.entity.js';
import { PaymentCustomersRepository } from './payment-customers.repository.js';
import { type CardInput, PaymentProvider } from './payment-provider.port.js';

export interface CustomerOwner { type: CustomerOwnerType; id: string }

/** Stripe customers of participants and of users registering one: only ids, brand, last4, expiry. */
@Injectable()
export class CustomersService {
  constructor(
    private readonly customers: PaymentCustomersRepository,
    private readonly provider: PaymentProvider,
  ) {}

  async current(owner: CustomerOwner): Promise<PaymentCustomer | null> {
    return this.customers.findCurrent(owner.type, owner.id);
  }

  async attachCard(owner: CustomerOwner, card: CardInput): Promise<CardView> {
    const existing = await this.current(owner);
    const stored = await this.provider.attachCard(card, owner, existing?.stripeCustomerId);
    const fields = {
      stripeCustomerId: stored.customerId, stripePaymentMethodId: stored.paymentMethodId,
      brand: stored.brand, last4: stored.last4, expMonth: stored.expMonth, expYear: stored.expYear,
    };
    if (existing) await this.customers.update(existing.id, fields);
    else await this.customers.insert({ ownerType: owner.type, ownerId: owner.id, ...fields });
    return { brand: stored.brand, last4: stored.last4, exp_month: stored.expMonth, exp_year: stored.expYear };
  }

  /**
   * Deletes the customer at Stripe, then forgets it for every owner sharing it. Idempotent.
   * `keepShared`: when a participant shares the customer, only this owner lets go of it.
   */
  async delete(owner: CustomerOwner, { keepShared = false } = {}): Promise<boolean> {
    const existing = await this.current(owner);
    if (!existing) return false;
    if (keepShared) {
      const sharers = await this.customers.countSharers(existing.stripeCustomerId);
      if (sharers > 1) {
        await this.customers.update(existing.id, { deletedAt: new Date() });
        return true;
      }
    }
    await this.provider.deleteCustomer(existing.stripeCustomerId);
    await this.customers.markDeletedForAll(existing.stripeCustomerId);
    return true;
  }

  /** A participant created from a user's registration takes over the card the user gave. */
  async shareWithParticipant(userId: string, participantId: string): Promise<void> {
    const fromUser = await this.current({ type: 'user', id: userId });
    if (!fromUser || (await this.current({ type: 'participant', id: participantId }))) return;
    const { id: _id, createdAt: _c, ...copy } = fromUser;
    await this.customers.insert({ ...copy, ownerType: 'participant', ownerId: participantId });
  }
}
