import { ApiKeyEntity } from '../api-keys/api-key.entity.js';
import { PaymentCertificateEntity } from '../payment-certificates/payment-certificate.entity.js';
import { ItemEntity, PromoCodeEntity, RoundEntity, StoreEntity } from '../user-certificates/catalogue.entities.js';
import { UserCertificateEntity } from '../user-certificates/user-certificate.entity.js';
import { CreateCertificatesSchema1767225600000 } from '../migrations/1767225600000-CreateCertificatesSchema.js';
import { UserPresence1767400000000 } from '../migrations/1767400000000-UserPresence.js';
import { AuditTrail1767800000000 } from '../migrations/1767800000000-AuditTrail.js';
import { UserCertificateDocuments1767225600001 } from '../migrations/1767225600001-UserCertificateDocuments.js';
import { PaymentCertificateKeys1767900000000 } from '../migrations/1767900000000-PaymentCertificateKeys.js';

export const CERTIFICATES_SCHEMA = 'certificates';
export const CERTIFICATES_ENTITIES = [
  ApiKeyEntity, PaymentCertificateEntity, StoreEntity, ItemEntity, PromoCodeEntity, RoundEntity, UserCertificateEntity,
];
/** Listed explicitly (no globs): the build output and the CLI see the same set. */
export const CERTIFICATES_MIGRATIONS = [CreateCertificatesSchema1767225600000, UserCertificateDocuments1767225600001, UserPresence1767400000000, AuditTrail1767800000000,
  PaymentCertificateKeys1767900000000];
