import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BillingPattern, type HttpRequestPayload, type SessionInfo, ParticipantIdParams, SetContactsDto, ListParticipantsDto, CreateParticipantDto, PrefixCheckDto, RegisterParticipantDto, RegistrationDecisionDto, ParticipantSummariesDto } from '#libs/contracts';
import { Body, Caller, Internal, Message, Params } from '#libs/transport';
import { ParticipantAdminGuard } from '../common/participant-admin.guard.js';
import { ParticipantEvents } from './participant-events.js';
import { ParticipantListRepository } from './participant-list.repository.js';
import { ParticipantsService } from './participants.service.js';
import { ProfileService } from './profile.service.js';
import { RegistrationService } from './registration.service.js';

@Controller()
export class ParticipantsController {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly registration: RegistrationService,
    private readonly list: ParticipantListRepository,
    private readonly profiles: ProfileService,
    private readonly events: ParticipantEvents,
  ) {}

  /** POST /account/participant */
  @MessagePattern(BillingPattern.ParticipantRegister)
  async register(@Body(RegisterParticipantDto) dto: RegisterParticipantDto, @Payload() payload: HttpRequestPayload, @Caller() caller: SessionInfo) {
    return this.registration.register(caller, dto, payload.ip ?? '');
  }

  /** POST /prefix/check */
  @MessagePattern(BillingPattern.PrefixCheck)
  async prefixCheck(@Body(PrefixCheckDto) { prefix }: PrefixCheckDto) {
    return { prefix, available: !(await this.participants.isPrefixTaken(prefix)) };
  }

  /** POST /participants */
  @MessagePattern(BillingPattern.ParticipantsList)
  async listParticipants(@Body(ListParticipantsDto) dto: ListParticipantsDto) {
    return this.list.list(dto);
  }

  /** GET /participants/participant/:id */
  @MessagePattern(BillingPattern.ParticipantGet)
  async get(@Params(ParticipantIdParams) { id }: ParticipantIdParams) {
    return this.profiles.profile(id);
  }

  /** PUT /participants/participant/:id/contacts: a sys-admin or the participant's security_admin. */
  @MessagePattern(BillingPattern.ParticipantSetContacts)
  @UseGuards(ParticipantAdminGuard)
  async setContacts(@Params(ParticipantIdParams) { id }: ParticipantIdParams, @Body(SetContactsDto) body: SetContactsDto) {
    const result = await this.participants.setContacts(id, body);
    const [summary] = await this.participants.summaries([id]);
    if (summary) await this.events.changed(summary); // identity shows contact fields (switch-context)
    return { result, status: 'ok' as const };
  }

  @MessagePattern(BillingPattern.ParticipantsSummaries)
  @Internal()
  async summaries(@Message(ParticipantSummariesDto) { ids }: ParticipantSummariesDto) {
    return this.participants.summaries(ids);
  }

  @MessagePattern(BillingPattern.ParticipantCreate)
  @Internal()
  async create(@Message(CreateParticipantDto) dto: CreateParticipantDto) {
    return this.registration.createDirect(dto);
  }

  @MessagePattern(BillingPattern.RegistrationApprove)
  @Internal()
  async approve(@Message(RegistrationDecisionDto) { userId }: RegistrationDecisionDto) {
    return this.registration.approve(userId);
  }

  @MessagePattern(BillingPattern.RegistrationReject)
  @Internal()
  async reject(@Message(RegistrationDecisionDto) { userId }: RegistrationDecisionDto) {
    return this.registration.reject(userId);
  }
}
