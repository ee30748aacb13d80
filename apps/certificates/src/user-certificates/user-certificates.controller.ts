import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { CertificatesPattern, httpReply, type SessionInfo } from '#libs/contracts';
import { Body, Caller, Internal, Message } from '#libs/transport';
import { IssueCertificateDto } from './issue-certificate.dto.js';
import { UserCertificatesService } from './user-certificates.service.js';

@Controller()
export class UserCertificatesController {
  constructor(private readonly certificates: UserCertificatesService) {}

  /** Row 66: GET /users/certificates (ticket). */
  @MessagePattern(CertificatesPattern.UserList)
  list(@Caller() caller: SessionInfo) {
    return this.certificates.listForUser(caller.userId);
  }

  /** For other services: IssueUserCertificateRequest → IssueUserCertificateResult. */
  @MessagePattern(CertificatesPattern.UserIssue)
  @Internal()
  issue(@Message(IssueCertificateDto) dto: IssueCertificateDto) {
    return this.certificates.issue(dto);
  }

  /** Route x-cert-4 (system): 201 with the certificate, 200 when the issue_key was seen before. */
  @MessagePattern(CertificatesPattern.UserIssueHttp)
  async issueHttp(@Body(IssueCertificateDto) dto: IssueCertificateDto) {
    const result = await this.certificates.issue(dto);
    return httpReply(result.created ? 201 : 200, result.certificate);
  }
}
