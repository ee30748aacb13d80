import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BillingPattern, type HttpRequestPayload, type SessionInfo } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { CallerSession, Internal } from '#libs/transport';
import { bodyOf, paramOf, requireParticipantAdmin, requireSession } from '../common/http.js';
import { SetContactsDto } from './dto/contacts.dto.js';
import { ListParticipantsDto } from './dto/list-participants.dto.js';
import { CreateParticipantDto, PrefixCheckDto, RegisterParticipantDto, RegistrationDecisionDto, SummariesDto } from './dto/participant.dto.js';
import { ParticipantEvents } from './participant-events.js';
import { ParticipantListQuery } from './participant-list.query.js';
import { ParticipantsService } from './participants.service.js';
import { ProfileService } from './profile.service.js';
import { RegistrationService } from './registration.service.js';

@Controller()
export class ParticipantsController {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly registration: RegistrationService,
    private readonly list: ParticipantListQuery,
    private readonly profiles: ProfileService,
    private readonly events: ParticipantEvents,
  ) {}

  /** POST /account/participant */
  @MessagePattern(BillingPattern.ParticipantRegister)
  async register(@Payload() payload: HttpRequestPayload, @CallerSession() session: SessionInfo | undefined) {
    const caller = requireSession(session);
    const dto = await validatePayload(RegisterParticipantDto, bodyOf(payload));
    return this.registration.register(caller, dto, payload.ip ?? '');
  }

  /** POST /prefix/check */
  @MessagePattern(BillingPattern.PrefixCheck)
  async prefixCheck(@Payload() payload: HttpRequestPayload) {
    const { prefix } = await validatePayload(PrefixCheckDto, bodyOf(payload));
    return { prefix, available: !(await this.participants.isPrefixTaken(prefix)) };
  }

  /** POST /participants */
  @MessagePattern(BillingPattern.ParticipantsList)
  async listParticipants(@Payload() payload: HttpRequestPayload) {
    return this.list.run(await validatePayload(ListParticipantsDto, bodyOf(payload)));
  }

  /** GET /participants/participant/:id */
  @MessagePattern(BillingPattern.ParticipantGet)
  async get(@Payload() payload: HttpRequestPayload) {
    return this.profiles.profile(paramOf(payload, 'id'));
  }

  /** PUT /participants/participant/:id/contacts: a sys-admin or the participant's security_admin. */
  @MessagePattern(BillingPattern.ParticipantSetContacts)
  async setContacts(@Payload() payload: HttpRequestPayload, @CallerSession() session: SessionInfo | undefined) {
    const id = paramOf(payload, 'id');
    requireParticipantAdmin(session, id);
    const result = await this.participants.setContacts(id, await validatePayload(SetContactsDto, bodyOf(payload)));
    const [summary] = await this.participants.summaries([id]);
    if (summary) await this.events.changed(summary); // identity shows contact fields (switch-context)
    return { result, status: 'ok' as const };
  }

  @MessagePattern(BillingPattern.ParticipantsSummaries)

  @Internal()
  async summaries(@Payload() data: unknown) {
    const { ids } = await validatePayload(SummariesDto, data);
    return this.participants.summaries(ids);
  }

  @MessagePattern(BillingPattern.ParticipantCreate)

  @Internal()
  async create(@Payload() data: unknown) {
    return this.registration.createDirect(await validatePayload(CreateParticipantDto, data));
  }

  @MessagePattern(BillingPattern.RegistrationApprove)

  @Internal()
  async approve(@Payload() data: unknown) {
    return this.registration.approve((await validatePayload(RegistrationDecisionDto, data)).userId);
  }

  @MessagePattern(BillingPattern.RegistrationReject)

  @Internal()
  async reject(@Payload() data: unknown) {
    return this.registration.reject((await validatePayload(RegistrationDecisionDto, data)).userId);
  }
}
