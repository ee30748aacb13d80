import { Injectable, Logger } from '@nestjs/common';
import { CertificatesEnv, qrSigningSecret } from '../config/certificates-env.js';
import { type QrTokenPurpose, signQrToken, verifyQrToken, windowedExpiry } from './qr-token.js';

const MAX_CACHED = 200_000;

/** Builds and checks the signed QR links of certificates (routes x-cert-5 and x-cert-6). */
@Injectable()
export class QrLinks {
  private readonly secret: string;
  private readonly base: string;
  private readonly ttl: number;
  private readonly cache = new Map<string, { expiresAt: number; image: string; privateImage: string }>();

  constructor(env: CertificatesEnv) {
    const { secret, isDevDefault } = qrSigningSecret(env);
    if (isDevDefault) {
      new Logger('QrLinks').warn('QR_SIGNING_SECRET is not set: using the fixed development secret. Set it in production.');
    }
    this.secret = secret;
    this.base = env.PUBLIC_BASE_URL;
    this.ttl = env.QR_PRIVATE_URL_TTL_SECONDS;
  }

  /**
   * The doc's qr_code object. Links only change when the expiry window moves, so they are
   * cached per certificate: a 1,000-certificate list then costs no HMAC at all.
   */
  qrCode(certificateId: string, isActivated: boolean, nowMs = Date.now()): { image_url: string; is_activated: boolean; private_image_url: string } {
    const expiresAt = this.window(nowMs);
    let links = this.cache.get(certificateId);
    if (!links || links.expiresAt !== expiresAt) {
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      links = { expiresAt, image: this.imageUrl(certificateId), privateImage: this.privateImageUrl(certificateId, nowMs) };
      this.cache.set(certificateId, links);
    }
    return { image_url: links.image, is_activated: isActivated, private_image_url: links.privateImage };
  }

  /** The signing window at `nowMs` (the private links' expiry): every link built within one window is the same. */
  window(nowMs: number): number {
    return windowedExpiry(Math.floor(nowMs / 1000), this.ttl);
  }

  /** Permanent link to the PNG. */
  imageUrl(certificateId: string): string {
    return `${this.base}/certificates/qr/${signQrToken(this.secret, 'image', certificateId)}`;
  }

  /** Short-lived link to the PNG (valid for ttl..2*ttl). */
  privateImageUrl(certificateId: string, nowMs = Date.now()): string {
    return `${this.base}/certificates/qr/${signQrToken(this.secret, 'image', certificateId, this.window(nowMs))}`;
  }

  /** What the QR code encodes: the store's app POSTs to it with its ticket. */
  activationUrl(certificateId: string): string {
    return `${this.base}/certificates/activate/${signQrToken(this.secret, 'activate', certificateId)}`;
  }

  verify(purpose: QrTokenPurpose, token: unknown, nowMs = Date.now()): string | undefined {
    return verifyQrToken(this.secret, purpose, token, Math.floor(nowMs / 1000));
  }
}
