// participants-billing's schema: its entities and migrations, and the options every DataSource of it uses.
import type { DataSourceOptions } from 'typeorm';
import { serviceDataSourceOptions } from '#libs/database';
import { CompanyPrefix } from '../participants/company-prefix.entity.js';
import { Participant } from '../participants/participant.entity.js';
import { RegistrationRequest } from '../participants/registration-request.entity.js';
import { Invoice } from '../plans-payments/invoice.entity.js';
import { PaymentCustomer } from '../stripe/payment-customer.entity.js';
import { DepositAccount } from '../deposit/deposit-account.entity.js';
import { DepositOperation } from '../deposit/deposit-operation.entity.js';
import { LedgerEntry } from '../deposit/ledger-entry.entity.js';
import { FeeSetting } from '../deposit/fee-setting.entity.js';
import { TopupSetting } from '../deposit/topup-setting.entity.js';
import { TopupPayment } from '../deposit/topup-payment.entity.js';
import { DeletionRequest } from '../deletion/deletion-request.entity.js';
import { StripeEvent } from '../payment-events/stripe-event.entity.js';
import { InitialBillingSchema1732370000000 } from '../migrations/1732370000000-InitialBillingSchema.js';
import { StripePayments1732380000000 } from '../migrations/1732380000000-StripePayments.js';
import { AuditTrail1767800000000 } from '../migrations/1767800000000-AuditTrail.js';

export const BILLING_SCHEMA = 'participants_billing';

export const BILLING_ENTITIES = [
  Participant, CompanyPrefix, RegistrationRequest, Invoice, PaymentCustomer,
  DepositAccount, DepositOperation, LedgerEntry, FeeSetting, TopupSetting, TopupPayment, DeletionRequest, StripeEvent,
];

export const BILLING_MIGRATIONS = [InitialBillingSchema1732370000000, StripePayments1732380000000, AuditTrail1767800000000];

export function billingDataSourceOptions(url: string): DataSourceOptions {
  // Charges hold a row lock for a few ms each: a larger pool lets concurrent charges of
  // different participants proceed while one participant's charges queue on its row.
  return serviceDataSourceOptions({ schema: BILLING_SCHEMA, url, entities: BILLING_ENTITIES, migrations: BILLING_MIGRATIONS, poolSize: 20 });
}
