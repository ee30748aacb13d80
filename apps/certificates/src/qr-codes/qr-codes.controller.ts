import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type HttpRequestPayload, binaryReply, CertificatesPattern, type SessionInfo } from '#libs/contracts';
import { Caller } from '#libs/transport';
import { CertificatesErrorCode, certificatesError } from '../common/certificates-errors.js';
import { UserCertificatesRepository } from '../user-certificates/user-certificates.repository.js';
import { UserCertificatesService } from '../user-certificates/user-certificates.service.js';
import { renderQrPng } from './qr-image.js';
import { QrLinks } from './qr-links.js';

@Controller()
export class QrCodesController {
  constructor(
    private readonly links: QrLinks,
    private readonly certificates: UserCertificatesService,
    private readonly repo: UserCertificatesRepository,
  ) {}

  /** Route x-cert-5 (public, the signed token is the credential): the PNG, encoding the activation URL. */
  @MessagePattern(CertificatesPattern.QrImage)
  async image(@Payload() req: HttpRequestPayload) {
    const id = this.links.verify('image', req.params?.token);
    if (!id || !(await this.repo.exists(id))) throw invalidToken();
    const png = await renderQrPng(this.links.activationUrl(id));
    return binaryReply('image/png', png.toString('base64'), { 'cache-control': 'private, max-age=300' });
  }

  /** Route x-cert-6 (ticket): the store scans the QR code and activates the certificate once. */
  @MessagePattern(CertificatesPattern.QrActivate)
  async activate(@Payload() req: HttpRequestPayload, @Caller() session: SessionInfo) {
    const id = this.links.verify('activate', req.params?.token);
    if (!id) throw invalidToken();
    return this.certificates.activate(id, session);
  }
}

function invalidToken() {
  return certificatesError(CertificatesErrorCode.QrTokenInvalid, 'Unknown or expired QR code');
}
