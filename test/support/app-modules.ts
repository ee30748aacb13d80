// The four services' root modules and a walk over their module graphs, for the repo-wide specs.
import 'reflect-metadata';
import type { ServiceName } from '#libs/contracts';
import { CertificatesModule } from '../../apps/certificates/src/certificates.module.js';
import { IdentityModule } from '../../apps/identity/src/identity.module.js';
import { ParticipantsBillingModule } from '../../apps/participants-billing/src/participants-billing.module.js';
import { RewardsModule } from '../../apps/rewards/src/rewards.module.js';

export const APP_MODULES: Record<ServiceName, unknown> = {
  identity: IdentityModule, rewards: RewardsModule, 'participants-billing': ParticipantsBillingModule, certificates: CertificatesModule,
};

/** Every controller of a module graph (static and dynamic imports). */
export function controllersOf(module: any, seen = new Set<unknown>()): Function[] {
  if (!module || seen.has(module)) return [];
  seen.add(module);
  const cls = module.module ?? module;
  const imports = [...(Reflect.getMetadata('imports', cls) ?? []), ...(module.imports ?? [])];
  const own = [...(Reflect.getMetadata('controllers', cls) ?? []), ...(module.controllers ?? [])];
  return [...own, ...imports.flatMap((m: unknown) => controllersOf(m, seen))];
}
