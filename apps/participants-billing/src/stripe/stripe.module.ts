import { Module } from '@nestjs/common';
import { CustomersController } from './customers.controller.js';
import { CustomersService } from './customers.service.js';
import { PaymentCustomersRepository } from './payment-customers.repository.js';
import { PaymentProvider } from './payment-provider.port.js';
import { StripeAdapter } from './stripe.adapter.js';

@Module({
  controllers: [CustomersController],
  providers: [PaymentCustomersRepository, CustomersService, { provide: PaymentProvider, useClass: StripeAdapter }],
  exports: [CustomersService, PaymentProvider],
})
export class StripeModule {}
