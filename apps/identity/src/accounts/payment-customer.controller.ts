import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { BillingPattern, type CustomerOwnerDto, type DeleteCustomerResult, type SessionInfo, IdentityPattern } from '#libs/contracts';
import { Caller, RedisStreamsClient, StreamRecord } from '#libs/transport';
import { BILLING_CLIENT } from '../memberships/participant-directory.js';
import { AccountsService } from './accounts.service.js';

/**
 * `DELETE /account/customer/`: the user's stored card (a Stripe customer) lives in
 * participants-billing; it is detached there and the account is answered as the doc shows it (accountAnswer).
 */
@Controller()
export class PaymentCustomerController {
  constructor(
    @Inject(BILLING_CLIENT) private readonly billing: RedisStreamsClient,
    private readonly accounts: AccountsService,
  ) {}

  @MessagePattern(IdentityPattern.AccountDeleteCustomer)
  async deleteCustomer(@Caller() session: SessionInfo) {
    await firstValueFrom(this.billing.send<DeleteCustomerResult>(
      BillingPattern.CustomerDelete, new StreamRecord<CustomerOwnerDto>({ userId: session.userId }, {})));
    return this.accounts.accountAnswer(session.userId);
  }
}
