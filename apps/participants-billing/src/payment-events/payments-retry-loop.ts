import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { requestContext } from '#libs/transport';
import { BillingEnv } from '../config/billing-env.js';
import { TopupsService } from '../deposit/topups.service.js';
import { InvoiceCharges } from '../plans-payments/invoice-charges.service.js';

/**
 * Every PAYMENTS_RETRY_INTERVAL_MS: payments the provider did not take (401, 429, 5xx, network)
 * are made again with their idempotency key, and payments Stripe has been processing for
 * PAYMENTS_CONFIRM_AFTER_MS without a webhook are looked up. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so replicas share the work. The rows are the durable queue: they are
 * written in the transaction that decides the payment, which a job queue in Redis could not join.
 */
@Injectable()
export class PaymentsRetryLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PaymentsRetry');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly env: BillingEnv, private readonly invoices: InvoiceCharges, private readonly topups: TopupsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => { this.running ??= this.tick().finally(() => { this.running = undefined; }); }, this.env.PAYMENTS_RETRY_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    await requestContext.run({}, async () => {
      for (const [what, run] of [['invoices', () => this.invoices.retryDue()], ['top-ups', () => this.topups.retryDue()]] as const) {
        try {
          await run();
        } catch (error) {
          this.logger.warn({ msg: `retrying ${what} failed`, error: error instanceof Error ? error.message : String(error) });
        }
      }
    });
  }
}
