// The real certificates process on a database of its own, called as the gateway would.
import type { WireError } from '#libs/errors';
import { type ServiceHarness, startServiceHarness } from '../support/service-harness.js';
import { CertificatesPattern } from '#libs/contracts';

export { eventually, session, systemSession } from '../support/service-harness.js';
export type { Caller } from '../support/service-harness.js';
export type CertificatesHarness = ServiceHarness;

export const QR_SECRET = 'test-qr-signing-secret-0123456789abcdef';
export const PUBLIC_BASE_URL = 'https://api.rewards.test';

export function startCertificates(extraEnv: Record<string, string> = {}): Promise<CertificatesHarness> {
  return startServiceHarness({
    service: 'certificates',
    env: { QR_SIGNING_SECRET: QR_SECRET, PUBLIC_BASE_URL, ...extraEnv },
    // A probe key is refused: that answer proves the service listens.
    ready: async (request) => {
      await request(CertificatesPattern.ApiKeyVerify, { key: 'probe' }).catch((error: WireError) => {
        if (error?.kind !== 'unauthenticated') throw error;
      });
    },
  });
}
