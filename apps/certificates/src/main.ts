import 'reflect-metadata';
import { loadConfigOrExit } from '#libs/config';
import { runService } from '#libs/service-runtime';
import { CertificatesEnv } from './config/certificates-env.js';
import { CertificatesModule } from './certificates.module.js';

const env = loadConfigOrExit(CertificatesEnv);
await runService({ service: 'certificates', module: CertificatesModule, env });
