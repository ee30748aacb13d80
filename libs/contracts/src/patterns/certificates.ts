/**
 * Message patterns of the certificates service and their types. HTTP routes of the service
 * are in http-routes.ts / extra-routes.ts; the patterns here are the ones other services call.
 */
export const CertificatesPattern = {
  // HTTP routes
  ApiKeyCreate: 'certificates.api-key.create',
  ApiKeyList: 'certificates.api-key.list',
  ApiKeyRevoke: 'certificates.api-key.revoke',
  UserList: 'certificates.user.list',
  UserIssueHttp: 'certificates.user.issue-http',
  PaymentList: 'certificates.payment.list',
  PaymentGet: 'certificates.payment.get',
  PaymentUpdate: 'certificates.payment.update',
  PaymentBulkCreate: 'certificates.payment.bulk-create',
  PaymentBulkUpdate: 'certificates.payment.bulk-update',
  QrImage: 'certificates.qr.image',
  QrActivate: 'certificates.qr.activate',
  // service to service
  /** `{ key }` → ApiKeyVerifyResult, or DomainError Unauthenticated (unknown or revoked key). */
  ApiKeyVerify: 'certificates.api-key.verify',
  /** IssueUserCertificateDto → IssueUserCertificateResult; idempotent by `issue_key`. */
  UserIssue: 'certificates.user.issue',
  /** Forwarded sys-admin session; AuditListRequest → AuditEventView[]: identity gathers the audit trail. */
  AuditList: 'certificates.audit.list',
} as const;

export interface ApiKeyVerifyRequest { key: string }
export interface ApiKeyVerifyResult { participantId: string; keyId: string }

/** One row of the external payment-certificates API (payment-certificates.txt). */
export interface PaymentCertificateView {
  id: number;
  code: string;
  is_active: boolean;
  value: number;
}

/** An item's location as answered (CertificateLocationDto is the input). */
export interface CertificateLocation { address: string | null; country: string | null; city: string | null }

/** One certificate as GET /users/certificates answers it (user-certificates.txt). */
export interface UserCertificateView {
  id: string;
  is_activated: boolean;
  item: {
    id: string;
    name: string;
    platform_price: number | null;
    price: number | null;
    store: { id: number; name: string; is_blogger: boolean; seller_type: string | null; logo_url: string | null };
    format_price: string | null;
    sku: string | null;
    start_time: string | null;
    end_time: string | null;
    duration: number | null;
    event_type: string | null;
    assets: unknown[];
    participants_limit: number | null;
    location: CertificateLocation | null;
  };
  promo_code: {
    id: string;
    promo_code: string;
    discount_percent: number | null;
    /** Unix seconds of `expired_at`. */
    format_expired_at: number | null;
    expired_at: string | null;
    is_for_winner: boolean;
  } | null;
  round: { id: string; uniq_id: string } | null;
  activated_at: string | null;
  qr_code: { image_url: string; is_activated: boolean; private_image_url: string };
  text: string | null;
  attribute_values: unknown[];
}

export interface IssueUserCertificateResult { created: boolean; certificate: UserCertificateView }

export interface UserCertificatesAnswer { active: UserCertificateView[]; archival: UserCertificateView[] }
