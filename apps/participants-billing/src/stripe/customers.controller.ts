import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Internal, Message } from '#libs/transport';
import { BillingPattern, type CardView, type DeleteCustomerResult, Events, type StripeCustomerView, AttachCardDto, CustomerOwnerDto } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { type CustomerOwner, CustomersService } from './customers.service.js';

function ownerOf(dto: CustomerOwnerDto): CustomerOwner {
  if (dto.participantId && !dto.userId) return { type: 'participant', id: dto.participantId };
  if (dto.userId && !dto.participantId) return { type: 'user', id: dto.userId };
  throw DomainError.invalid('Give exactly one of participantId or userId');
}

/** Card tokenisation, reading and removal for identity (pending participant registration, users/get, DELETE /account/customer). */
@Controller()
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @MessagePattern(BillingPattern.CustomerAttachCard)
  @Internal()
  async attachCard(@Message(AttachCardDto) dto: AttachCardDto): Promise<CardView> {
    const { number, exp_month, exp_year, cvc, name } = dto.card;
    return this.customers.attachCard(ownerOf(dto), { number: number.replace(/ /g, ''), exp_month, exp_year, cvc, name });
  }

  @MessagePattern(BillingPattern.CustomerGet)
  @Internal()
  async getCustomer(@Message(CustomerOwnerDto) owner: CustomerOwnerDto): Promise<StripeCustomerView | null> {
    const c = await this.customers.current(ownerOf(owner));
    if (!c) return null;
    const blank = { address_city: '', address_country: '', address_line1: '', address_line2: '', address_state: '', address_zip: '' };
    return {
      card: { ...blank, brand: c.brand, exp_month: c.expMonth, exp_year: c.expYear, id: c.stripePaymentMethodId, last4: c.last4, name: '' },
      description: null, email: null, id: c.stripeCustomerId,
    };
  }

  @MessagePattern(BillingPattern.CustomerDelete)
  @Internal()
  async deleteCustomer(@Message(CustomerOwnerDto) owner: CustomerOwnerDto): Promise<DeleteCustomerResult> {
    return { deleted: await this.customers.delete(ownerOf(owner)) };
  }

  /** A deleted user's card goes too, unless a participant registered by the user uses it. */
  @EventPattern(Events.UserDeleted)
  async onUserDeleted(@Payload() data: { userId?: string }): Promise<void> {
    if (typeof data?.userId === 'string') await this.customers.delete({ type: 'user', id: data.userId }, { keepShared: true });
  }
}

