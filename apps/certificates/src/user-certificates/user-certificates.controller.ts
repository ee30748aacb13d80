import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { CertificatesPattern, httpReply, type SessionInfo, IssueUserCertificateDto } from '#libs/contracts';
import { Body, Caller, Internal, Message } from '#libs/transport';
import { UserCertificatesService } from './user-certificates.service.js';

@Controller()
export class UserCertificatesController {
  constructor(private readonly certificates: UserCertificatesService) {}

  /** Row 66: GET /users/certificates (ticket). */
  @MessagePattern(CertificatesPattern.UserList)
  list(@Caller() caller: SessionInfo) {
    return this.certificates.listForUser(caller.userId);
  }

  /** For other services: IssueUserCertificateDto → IssueUserCertificateResult. */
  @MessagePattern(CertificatesPattern.UserIssue)
  @Internal()
  issue(@Message(IssueUserCertificateDto) dto: IssueUserCertificateDto) {
    return this.certificates.issue(dto);
  }

  /** Route x-cert-4 (system): 201 with the certificate, 200 when the issue_key was seen before. */
  @MessagePattern(CertificatesPattern.UserIssueHttp)
  async issueHttp(@Body(IssueUserCertificateDto) dto: IssueUserCertificateDto) {
    const result = await this.certificates.issue(dto);
    return httpReply(result.created ? 201 : 200, result.certificate);
  }
}
