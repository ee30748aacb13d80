import { Inject, Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { IdentityPattern, type ParticipantTeamDto, type TeamMemberView, isoDate, isoSeconds } from '#libs/contracts';
import { RedisStreamsClient, StreamRecord } from '#libs/transport';
import { IDENTITY_CLIENT } from '../common/outbound.module.js';
import { DepositSettingsService } from '../deposit/settings.service.js';
import { CustomersService } from '../stripe/customers.service.js';
import { ParticipantsService } from './participants.service.js';

/** GET /participants/participant/:id: participant, billing, deposit and team. */
@Injectable()
export class ProfileService {
  private readonly logger = new Logger('Profile');

  constructor(
    private readonly participants: ParticipantsService,
    private readonly deposit: DepositSettingsService,
    private readonly customers: CustomersService,
    @Inject(IDENTITY_CLIENT) private readonly identity: RedisStreamsClient,
  ) {}

  async profile(id: string) {
    const p = await this.participants.findActive(id);
    const [prefixes, balance, customer, team] = await Promise.all([
      this.participants.prefixesOf([id]),
      this.deposit.view(id),
      this.customers.current({ type: 'participant', id }),
      this.team(id),
    ]);
    return {
      balance,
      billing: {
        country: p.country,
        paid_from: isoDate(p.paidFrom),
        paid_to: isoDate(p.paidTo),
        plan: p.billingPlan,
        stripe_customer: customer?.stripeCustomerId ?? null,
        updated_at: isoSeconds(p.billingUpdatedAt),
        user_email: team.filter((m) => m.access_type === 'Admin' && m.email).map((m) => m.email),
      },
      city: p.contacts.city ?? null,
      company_prefix: prefixes.get(id) ?? [],
      country: p.country,
      gs1_activation_code: p.gs1ActivationCode,
      id: p.id,
      name: p.name,
      team,
    };
  }

  /** Memberships live in identity; the profile still answers (empty team) when identity does not. */
  private async team(participantId: string): Promise<TeamMemberView[]> {
    try {
      const team = await firstValueFrom(this.identity.send<TeamMemberView[]>(IdentityPattern.ParticipantTeam,
        new StreamRecord<ParticipantTeamDto>({ participantId }, {}, { timeoutMs: 1500 })));
      return Array.isArray(team) ? team : [];
    } catch (error) {
      this.logger.debug({ msg: 'team unavailable', participantId, kind: (error as { kind?: string }).kind });
      return [];
    }
  }
}
