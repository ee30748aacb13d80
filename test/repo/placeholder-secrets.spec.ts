// The scenario: every app started with NODE_ENV=production and the values of the Secret
// template (k8s/base/secret.yaml) refuses to start, naming each placeholder variable.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { ConfigError, loadConfig } from '#libs/config';
import { CertificatesEnv } from '../../apps/certificates/src/config/certificates-env.js';
import { GatewayEnv } from '../../apps/gateway/src/config/gateway-env.js';
import { IdentityEnv } from '../../apps/identity/src/config/identity-env.js';
import { BillingEnv } from '../../apps/participants-billing/src/config/billing-env.js';
import { RewardsEnv } from '../../apps/rewards/src/config/rewards-env.js';

const docs = (path: string) => parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJSON());
const template: Record<string, string> = docs('k8s/base/secret.yaml').find((d) => d?.kind === 'Secret').stringData;
const config: Record<string, string> = docs('k8s/base/configmap.yaml').find((d) => d?.kind === 'ConfigMap').data;
const env = { ...config, ...template, NODE_ENV: 'production' };

function problems(envClass: new () => object): string {
  try {
    loadConfig(envClass, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '';
}

describe('production with the Secret template', () => {
  it.each([
    ['identity', IdentityEnv, ['ADMIN_PASSWORD', 'TRANSPORT_SEALING_KEYS', 'DATABASE_URL']],
    ['certificates', CertificatesEnv, ['QR_SIGNING_SECRET', 'TRANSPORT_SEALING_KEYS', 'DATABASE_URL']],
    ['participants-billing', BillingEnv, ['STRIPE_SECRET_KEY', 'TRANSPORT_SEALING_KEYS', 'DATABASE_URL']],
    ['rewards', RewardsEnv, ['TRANSPORT_SEALING_KEYS', 'DATABASE_URL']],
    ['gateway', GatewayEnv, ['TRANSPORT_SEALING_KEYS']],
  ] as const)('%s stops, naming every placeholder and printing none', (_app, envClass, names) => {
    const message = problems(envClass as unknown as new () => object);
    for (const name of names) expect(message).toMatch(new RegExp(`^  ${name}=\\(hidden\\): `, 'm'));
    // ("CHANGE-ME" alone is also the word the message explains itself with.)
    for (const value of Object.values(template).filter((v) => v.length > 0 && v !== 'CHANGE-ME')) expect(message).not.toContain(value);
  });
});
