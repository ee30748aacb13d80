import 'reflect-metadata';
import { loadConfigOrExit } from '#libs/config';
import { runService } from '#libs/service-runtime';
import { IdentityEnv } from './config/identity-env.js';
import { IdentityModule } from './identity.module.js';

const env = loadConfigOrExit(IdentityEnv);
await runService({ service: 'identity', module: IdentityModule, env });
