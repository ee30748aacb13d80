import 'reflect-metadata';
import { loadConfigOrExit } from '#libs/config';
import { runService } from '#libs/service-runtime';
import { BillingEnv } from './config/billing-env.js';
import { ParticipantsBillingModule } from './participants-billing.module.js';

const env = loadConfigOrExit(BillingEnv);
await runService({ service: 'participants-billing', module: ParticipantsBillingModule, env });
