import 'reflect-metadata';
import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import { BillingPattern, HTTP_ROUTES } from '#libs/contracts';
import { AUDIT_TRAIL } from './audit/audit-trail.js';
import { DeletionController } from './deletion/deletion.controller.js';
import { DepositController } from './deposit/deposit.controller.js';
import { StripeWebhookController } from './payment-events/stripe-webhook.controller.js';
import { ParticipantsController } from './participants/participants.controller.js';
import { PaymentsController } from './plans-payments/payments.controller.js';
import { CustomersController } from './stripe/customers.controller.js';

function handledPatterns(): string[] {
  return [...(AUDIT_TRAIL.controllers ?? []), DeletionController, DepositController, ParticipantsController, PaymentsController, CustomersController, StripeWebhookController].flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype).flatMap((name) => {
      const patterns = Reflect.getMetadata(PATTERN_METADATA, (controller.prototype as unknown as Record<string, object>)[name]) as string[] | undefined;
      return patterns ?? [];
    }));
}

describe('participants-billing handlers', () => {
  it('handle every HTTP route the gateway sends to participants-billing', () => {
    const routes = HTTP_ROUTES.filter((r) => r.service === 'participants-billing').map((r) => r.pattern);
    expect(routes.length).toBeGreaterThanOrEqual(10);
    expect(handledPatterns()).toEqual(expect.arrayContaining(routes));
  });

  it('handle every pattern of the contract', () => {
    expect(handledPatterns()).toEqual(expect.arrayContaining(Object.values(BillingPattern)));
  });
});
