import { Inject, Injectable } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { RedisStreamsClient } from '#libs/transport';
import { IDENTITY_CLIENT } from '../common/outbound.module.js';
import { Events, type ParticipantRegistrationRequestedEvent, type ParticipantSummary, type SessionInfo, isoSeconds, PREFIX_PATTERN, type CreateParticipantDto, type RegisterParticipantDto } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { BillingErrorCode, billingError } from '../common/billing-errors.js';
import { DEFAULT_REGISTRATION_PLAN, TRIAL_DAYS, requirePlan } from '../plans-payments/plans.js';
import { CustomersService } from '../stripe/customers.service.js';
import { ParticipantEvents } from './participant-events.js';
import { participantSummary } from './participant-views.js';
import { PRODUCT360_MODULES, ParticipantsService } from './participants.service.js';
import type { RegistrationRequest } from './registration-request.entity.js';
import { RegistrationRequestsRepository } from './registration-requests.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Participant registration requests (`POST /account/participant`) and their approval. */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly requests: RegistrationRequestsRepository,
    private readonly participants: ParticipantsService,
    private readonly customers: CustomersService,
    @Inject(IDENTITY_CLIENT) private readonly events: RedisStreamsClient,
    private readonly participantEvents: ParticipantEvents,
  ) {}

  /**
   * Records the request with the caller's IP and starts the trial (answer as the doc's example);
   * identity's moderator decides it (`participant.registration-requested`), then approves it here.
   */
  async register(session: SessionInfo, dto: RegisterParticipantDto, ip: string) {
    const plan = requirePlan(dto.pending_plan ?? DEFAULT_REGISTRATION_PLAN, 'pending_plan');
    if (await this.participants.isPrefixTaken(dto.company_prefix)) {
      throw billingError(BillingErrorCode.PrefixTaken, 'Company prefix is already registered', { prefixes: [dto.company_prefix] });
    }
    const request = await this.requests.insert({
      userId: session.userId, ip, companyPrefix: dto.company_prefix, name: dto.name, country: dto.country,
      participantType: dto.participant_type ?? 'product360', brandNames: asList(dto.brand_name), pendingPlan: plan,
      gs1ActivationCode: dto.gs1_activation_code ?? null, trialStartedAt: new Date(), status: 'pending', participantId: null,
    });
    await this.announce(request);
    return {
      billing: { trial: { status: true, ts: isoSeconds(request.trialStartedAt) } },
      brand_name: request.brandNames,
      company_prefix: request.companyPrefix,
      country: request.country,
      ...(request.gs1ActivationCode !== null ? { gs1_activation_code: request.gs1ActivationCode } : {}),
      ip: request.ip,
      name: request.name,
      participant_type: request.participantType,
      pending_plan: request.pendingPlan,
      user_id: request.userId,
    };
  }

  /** The request waits for identity's moderator; should the announcement fail, the caller gets the error and may ask again. */
  private async announce(request: RegistrationRequest): Promise<void> {
    const event: ParticipantRegistrationRequestedEvent = {
      requestId: String(request.id), userId: request.userId, company_prefix: request.companyPrefix, name: request.name, brand_name: request.brandNames,
      country: request.country, participant_type: request.participantType, pending_plan: request.pendingPlan,
      ...(request.gs1ActivationCode !== null ? { gs1_activation_code: request.gs1ActivationCode } : {}),
    };
    await firstValueFrom(this.events.emit(Events.ParticipantRegistrationRequested, event), { defaultValue: null });
  }

  /** Identity's moderator approved the user's latest pending request: the participant becomes active. */
  async approve(userId: string): Promise<ParticipantSummary> {
    return this.requests.transaction(async (manager) => {
      const request = await this.requests.lockLatestPending(manager, userId);
      if (!request) throw billingError(BillingErrorCode.NoPendingRegistration, 'No pending participant registration for this user');
      const participant = await this.participants.create({
        name: request.name, prefixes: [request.companyPrefix], country: request.country,
        modules: PRODUCT360_MODULES, participantType: [request.participantType], plan: request.pendingPlan,
        trialFrom: request.trialStartedAt, trialTo: new Date(request.trialStartedAt.getTime() + TRIAL_DAYS * DAY_MS),
        gs1ActivationCode: request.gs1ActivationCode, brandNames: request.brandNames, registeredBy: userId,
      }, manager);
      await this.requests.markApproved(manager, request.id, participant.id);
      return participantSummary(participant, [request.companyPrefix]);
    }).then(async (summary) => {
      await this.customers.shareWithParticipant(userId, summary.id);
      await this.participantEvents.changed(summary);
      return summary;
    });
  }

  async reject(userId: string): Promise<{ status: 'rejected' }> {
    if (!(await this.requests.rejectPending(userId))) throw billingError(BillingErrorCode.NoPendingRegistration, 'No pending participant registration for this user');
    return { status: 'rejected' };
  }

  /** A pending participant approved in identity (brand unlock flow) is created directly, trial starting now. */
  async createDirect(dto: CreateParticipantDto): Promise<ParticipantSummary> {
    const plan = requirePlan(dto.pending_plan ?? DEFAULT_REGISTRATION_PLAN, 'pending_plan');
    const prefixes = asList(dto.company_prefix);
    if (prefixes.length === 0 || !prefixes.every((p) => PREFIX_PATTERN.test(p))) {
      throw DomainError.invalid('Invalid request', [{ field: 'company_prefix', errors: ['company prefix must be 7 to 13 digits'] }]);
    }
    const now = new Date();
    const participant = await this.participants.create({
      name: dto.name, prefixes, country: dto.country ?? null, modules: PRODUCT360_MODULES,
      participantType: [dto.participant_type ?? 'product360'], plan, trialFrom: now,
      trialTo: new Date(now.getTime() + TRIAL_DAYS * DAY_MS), gs1ActivationCode: dto.gs1_activation_code ?? null,
      brandNames: asList(dto.brand_name), registeredBy: dto.userId ?? null,
    });
    if (dto.userId) await this.customers.shareWithParticipant(dto.userId, participant.id);
    const summary = participantSummary(participant, [...new Set(prefixes)]);
    await this.participantEvents.changed(summary);
    return summary;
  }
}
