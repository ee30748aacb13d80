import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { CertificatesPattern, type HttpRequestPayload, httpReply } from '#libs/contracts';
import { StreamContext, Internal } from '#libs/transport';
import { requireSession, requireSystemSession } from '../common/callers.js';
import { UserCertificatesService } from './user-certificates.service.js';

@Controller()
export class UserCertificatesController {
  constructor(private readonly certificates: UserCertificatesService) {}

  /** Row 66: GET /users/certificates (ticket). */
  @MessagePattern(CertificatesPattern.UserList)
  list(@Payload() _req: HttpRequestPayload, @Ctx() ctx: StreamContext) {
    return this.certificates.listForUser(requireSession(ctx.getHeaders()).userId);
  }

  /** For other services: IssueUserCertificateRequest → IssueUserCertificateResult. */
  @MessagePattern(CertificatesPattern.UserIssue)
  @Internal()
  issue(@Payload() data: unknown) {
    return this.certificates.issue(data);
  }

  /** Route x-cert-4 (system): 201 with the certificate, 200 when the issue_key was seen before. */
  @MessagePattern(CertificatesPattern.UserIssueHttp)
  async issueHttp(@Payload() req: HttpRequestPayload, @Ctx() ctx: StreamContext) {
    requireSystemSession(ctx.getHeaders());
    const result = await this.certificates.issue(req.body);
    return httpReply(result.created ? 201 : 200, result.certificate);
  }
}
